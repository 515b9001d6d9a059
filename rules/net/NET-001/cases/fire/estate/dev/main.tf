# dev and prod were both given 10.0.0.0/16 and 10.0.128.0/17: the pair is
# reported once, at the first VPC in output order, with the other related. A
# value set through a variable is reported where it is written.
provider "aws" {
  region = "us-east-1"
}

variable "vpc_cidr" {
  default = "10.0.0.0/16" # expect: NET-001
}

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
}
