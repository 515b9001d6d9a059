# Subnets of a VPC another state owns, with no route table association
# here: the VPC's main route table routes them, and it is not in the scan,
# so whether they are public is undecided (not private).
provider "aws" {
  region = "us-east-1"
}

variable "vpc_id" {
  type = string
}

resource "aws_subnet" "db_a" {
  vpc_id            = var.vpc_id # undecided: DB-004
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "db_b" {
  vpc_id            = var.vpc_id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-east-1b"
}

resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = [aws_subnet.db_a.id, aws_subnet.db_b.id]
}
