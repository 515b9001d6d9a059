# The usual module shape: subnets carved with cidrsubnet over the region's
# first three zones (aws_availability_zones is known from the provider region).
provider "aws" {
  region = "us-east-1"
}

variable "cidr" {
  default = "10.10.0.0/16"
}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 3)
}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index)
  availability_zone = local.azs[count.index]
}
