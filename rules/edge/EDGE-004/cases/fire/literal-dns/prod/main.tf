# Load balancers made outside this configuration (the AWS Load Balancer
# Controller, another state) named by their literal DNS names: the name says
# it is an internet-facing load balancer, and in which region.
provider "aws" {
  region = "us-east-1"
}

resource "aws_route53_record" "app" { # expect: EDGE-004
  zone_id = "Z123"
  name    = "app.innovate.example"
  type    = "A"
  alias {
    name                   = "k8s-innovate-app-0a1b2c3d4e-1234567890.us-east-1.elb.amazonaws.com"
    zone_id                = "Z35SXDOTRQ7X7K"
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "api_primary" { # expect: EDGE-004
  zone_id        = "Z123"
  name           = "api.innovate.example"
  type           = "A"
  set_identifier = "primary"
  failover_routing_policy {
    type = "PRIMARY"
  }
  alias {
    name                   = "dualstack.innovate-api-1234567890.us-east-1.elb.amazonaws.com"
    zone_id                = "Z35SXDOTRQ7X7K"
    evaluate_target_health = true
  }
}

# The standby is in eu-west-1, not the DR region.
resource "aws_route53_record" "api_secondary" {
  zone_id        = "Z123"
  name           = "api.innovate.example"
  type           = "A"
  set_identifier = "secondary"
  failover_routing_policy {
    type = "SECONDARY"
  }
  alias {
    name                   = "innovate-api-dr-987654321.eu-west-1.elb.amazonaws.com"
    zone_id                = "Z32O12XQLNTSW2"
    evaluate_target_health = true
  }
}
