# Subnets of a VPC that another state owns: nothing here says whether their
# CIDRs fit it, so the checks are undecided, never findings, never dropped.
provider "aws" {
  region = "us-east-1"
}

variable "vpc_id" {
  type = string
}

resource "aws_subnet" "from_variable" {
  vpc_id     = var.vpc_id # undecided: NET-004
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "literal" { # undecided: NET-004
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.2.0/24"
}
