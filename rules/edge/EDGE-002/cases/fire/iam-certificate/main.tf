# IAM server certificates are uploaded by hand and never renewed: EDGE-002 asks for ACM's.
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "aws_iam_server_certificate" "legacy" {
  name             = "legacy"
  certificate_body = "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n"
  private_key      = "(elided)"
}

resource "aws_lb_listener" "literal" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:iam::222222222222:server-certificate/my-server-cert" # expect: EDGE-002
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:targetgroup/web/1"
  }
}

resource "aws_lb_listener" "reference" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_iam_server_certificate.legacy.arn # expect: EDGE-002
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:222222222222:targetgroup/web/1"
  }
}
