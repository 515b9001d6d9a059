# One subnet, in a zone AWS picks: one zone at most, whichever it is.
provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" { # expect: NET-002
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "only" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}
