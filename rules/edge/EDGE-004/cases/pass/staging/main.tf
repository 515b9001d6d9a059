# Failover is for production.
resource "aws_lb" "web" {
  subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  name = "web"
}

resource "aws_route53_record" "app" {
  zone_id = "Z123"
  name    = "app.staging.innovate.example"
  type    = "A"
  alias {
    name                   = aws_lb.web.dns_name
    zone_id                = aws_lb.web.zone_id
    evaluate_target_health = true
  }
}
