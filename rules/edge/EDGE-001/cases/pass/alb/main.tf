resource "aws_security_group" "alb" {}

resource "aws_lb" "web" {
  subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  name               = "web"
  load_balancer_type = "application"
  security_groups    = [aws_security_group.alb.id]
}

resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = aws_wafv2_web_acl.web.arn
}

# Network load balancers cannot have WAF.
resource "aws_lb" "nlb" {
  subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  name               = "nlb"
  load_balancer_type = "network"
}
