# The warm standby: a folder named dr is production (the policy's alias).
provider "aws" {
  region = "us-west-2"
}

resource "aws_vpc" "standby" {
  cidr_block = "10.12.0.0/16"
}

resource "aws_eks_cluster" "standby" {
  name     = "standby"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0c", "subnet-0d"]
  }
}

resource "aws_db_instance" "replica" {
  identifier          = "innovate-dr"
  replicate_source_db = "arn:aws:rds:us-east-1:222222222222:db:innovate-prod"
  instance_class      = "db.r6g.large"
  kms_key_id          = "arn:aws:kms:us-west-2:222222222222:key/dr"
}
