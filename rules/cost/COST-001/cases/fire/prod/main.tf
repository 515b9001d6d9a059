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

# Terraform's listener takes tags (CloudFormation's does not, see the pass case).
resource "aws_lb_listener" "http" { # expect: COST-001
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/app/innovate-prod/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
