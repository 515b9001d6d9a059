provider "aws" { region = "us-east-1" }
# Configuration B (a different root module): its own VPC and flow log,
# the VPC ID passed through a local as terraform-aws-vpc does (local.vpc_id).
resource "aws_vpc" "b" { cidr_block = "10.2.0.0/16" }
locals { vpc_id = aws_vpc.b.id }
resource "aws_flow_log" "b" {
  vpc_id               = local.vpc_id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::flow-logs-bucket"
}
