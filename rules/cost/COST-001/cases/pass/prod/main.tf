provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { Environment = "prod", Owner = "platform", CostCenter = "cc-100", Project = "innovate" }
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group_rule" "untaggable" {
  type              = "ingress"
  security_group_id = "sg-0123"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
}
