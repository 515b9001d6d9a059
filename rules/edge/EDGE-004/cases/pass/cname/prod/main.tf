# CNAME records point at load balancers as aliases do: a failover pair of
# CNAMEs, the PRIMARY with a health check and the SECONDARY in the DR region.
provider "aws" {
  region = "us-east-1"
}

resource "aws_route53_health_check" "api" {
  fqdn              = "innovate-api-1234567890.us-east-1.elb.amazonaws.com"
  type              = "HTTPS"
  resource_path     = "/healthz"
  failure_threshold = 3
}

resource "aws_route53_record" "api_primary" {
  zone_id         = "Z123"
  name            = "api.innovate.example"
  type            = "CNAME"
  ttl             = 60
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.api.id
  records         = ["innovate-api-1234567890.us-east-1.elb.amazonaws.com"]
  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "api_secondary" {
  zone_id        = "Z123"
  name           = "api.innovate.example"
  type           = "CNAME"
  ttl            = 60
  set_identifier = "secondary"
  records        = ["innovate-api-dr-0123456789.us-west-2.elb.amazonaws.com"]
  failover_routing_policy {
    type = "SECONDARY"
  }
}

# A CNAME to something that is not a load balancer is not judged.
resource "aws_route53_record" "docs" {
  zone_id = "Z123"
  name    = "docs.innovate.example"
  type    = "CNAME"
  ttl     = 300
  records = ["innovate.github.io"]
}
