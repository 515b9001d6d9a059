# Production without its standby: everything in us-east-1. (Resources in
# address order, as the plan lists them: the anchor is the first of them.)
provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "primary" { # expect: DR-001
  identifier     = "innovate-prod"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.2.0.0/16"
}
