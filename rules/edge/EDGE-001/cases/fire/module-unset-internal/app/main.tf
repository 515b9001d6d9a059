# terraform-aws-alb's pattern: internal = var.internal, whose default is null and
# which the call does not set. Null is unset: AWS makes the load balancer
# internet-facing, and it has no web ACL.
provider "aws" {
  region = "us-east-1"
}

module "lb" {
  source  = "../modules/lb"
  subnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}
