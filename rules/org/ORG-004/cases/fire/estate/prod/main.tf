provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" { # expect: ORG-004
  cidr_block = "10.2.0.0/16"
}
