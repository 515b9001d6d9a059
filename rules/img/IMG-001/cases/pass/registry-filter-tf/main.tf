# The registry's scanning rule covers the repositories its filter matches:
# innovate/* includes innovate/api, which needs no scan-on-push of its own.
resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "innovate/*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "api" {
  name                 = "innovate/api"
  image_tag_mutability = "IMMUTABLE"
}
