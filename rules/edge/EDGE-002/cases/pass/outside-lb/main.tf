# Listeners of a load balancer that another state owns. The HTTPS listener
# with a current policy passes whatever the balancer's scheme; the plain HTTP
# one would fail only on an internet-facing balancer: undecided.
provider "aws" {
  region = "us-east-1"
}

locals {
  lb_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/0123456789abcdef"
  tg_arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/web/0123456789abcdef"
}

resource "aws_lb_listener" "http" { # undecided: EDGE-002
  load_balancer_arn = local.lb_arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = local.tg_arn
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = local.lb_arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000"
  default_action {
    type             = "forward"
    target_group_arn = local.tg_arn
  }
}
