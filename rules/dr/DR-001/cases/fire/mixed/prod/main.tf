provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_db_instance" "primary" {
  identifier     = "innovate-prod"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}
