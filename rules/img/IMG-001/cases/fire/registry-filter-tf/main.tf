# The registry's only scanning rule covers analytics-*: innovate/api is not
# scanned, and has no scan-on-push of its own.
resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "analytics-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "api" { # expect: IMG-001
  name                 = "innovate/api"
  image_tag_mutability = "IMMUTABLE"
}
