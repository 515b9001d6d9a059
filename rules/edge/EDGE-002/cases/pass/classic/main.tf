# HTTPS with an ACM certificate faces the internet; an internal one may serve HTTP.
resource "aws_elb" "web" {
  name    = "web"
  subnets = ["subnet-0123456789abcdef0"]
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8080
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  }
}

resource "aws_elb" "internal" {
  name     = "internal"
  internal = true
  subnets  = ["subnet-0123456789abcdef0"]
  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 8080
    instance_protocol = "http"
  }
}
