provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { Owner = "platform", CostCenter = "cc-100" }
  }
}

# Provider default tags count, but Environment and Project are still missing.
resource "aws_vpc" "main" { # expect: COST-001
  cidr_block = "10.0.0.0/16"
}

# In prod, tagged dev.
resource "aws_s3_bucket" "logs" {
  bucket = "innovate-logs"
  tags = {
    Environment = "dev" # expect: COST-001
    Project     = "innovate"
  }
}

# Types that take no tags are never reported.
resource "aws_route" "default" {
  route_table_id         = "rtb-0123"
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = "igw-0123"
}
