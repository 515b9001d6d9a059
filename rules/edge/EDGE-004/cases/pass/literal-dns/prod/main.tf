# Load balancers named by their literal DNS names: a PRIMARY in us-east-1 with
# a SECONDARY in the DR region (an NLB's NAME.elb.REGION form), and an
# internal load balancer, which needs no failover.
provider "aws" {
  region = "us-east-1"
}

resource "aws_route53_record" "api_primary" {
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

resource "aws_route53_record" "api_secondary" {
  zone_id        = "Z123"
  name           = "api.innovate.example"
  type           = "A"
  set_identifier = "secondary"
  failover_routing_policy {
    type = "SECONDARY"
  }
  alias {
    name                   = "innovate-api-dr-0123456789abcdef.elb.us-west-2.amazonaws.com"
    zone_id                = "Z18D5FSROUN65G"
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "internal" {
  zone_id = "Z123"
  name    = "orders.internal.innovate.example"
  type    = "A"
  alias {
    name                   = "internal-innovate-orders-1234567890.us-east-1.elb.amazonaws.com"
    zone_id                = "Z35SXDOTRQ7X7K"
    evaluate_target_health = true
  }
}
