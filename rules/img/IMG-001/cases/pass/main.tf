resource "aws_ecr_repository" "api" {
  name                 = "api"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

# Scanning set for the whole registry counts too.
resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "spa" {
  name                 = "spa"
  image_tag_mutability = "IMMUTABLE"
}
