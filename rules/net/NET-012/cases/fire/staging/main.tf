provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" { # expect: NET-012
  cidr_block = "10.4.0.0/16"
}

# IAM is global: never judged.
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}
