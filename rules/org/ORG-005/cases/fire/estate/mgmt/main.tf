provider "aws" {
  region = "us-east-1"
}

resource "aws_guardduty_detector" "main" { # expect: ORG-005
  enable = false
}
