# Production without its standby: everything in us-east-1.
provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" { # expect: DR-001
  cidr_block = "10.2.0.0/16"
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_db_instance" "primary" {
  identifier     = "innovate-prod"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}
