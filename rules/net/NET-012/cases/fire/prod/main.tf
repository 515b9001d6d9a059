provider "aws" {
  region = "eu-central-1"
}

resource "aws_s3_bucket" "logs" { # expect: NET-012
  bucket = "innovate-prod-logs-eu"
}
