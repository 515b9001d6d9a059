# A CNAME at an internet-facing load balancer, without failover routing.
provider "aws" {
  region = "us-east-1"
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  internal           = false
  subnets            = ["subnet-1", "subnet-2", "subnet-3"]
}

resource "aws_route53_record" "api" { # expect: EDGE-004
  zone_id = "Z123"
  name    = "api.innovate.example"
  type    = "CNAME"
  ttl     = 300
  records = [aws_lb.web.dns_name]
}

resource "aws_route53_record" "www" { # expect: EDGE-004
  zone_id = "Z123"
  name    = "www.innovate.example"
  type    = "CNAME"
  ttl     = 300
  records = ["innovate-web-1234567890.us-east-1.elb.amazonaws.com"]
}
