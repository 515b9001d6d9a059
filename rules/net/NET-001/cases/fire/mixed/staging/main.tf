# Staging's application network in Terraform, and a CloudFormation stack
# (us-east-1/analytics.yaml) in the same environment whose VPC reuses part of
# its range: one estate, so the two overlap.
provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "app" {
  cidr_block = "10.50.0.0/16" # expect: NET-001
}
