resource "aws_lb" "web" { # expect: EDGE-001
  name               = "web"
  load_balancer_type = "application"
  internal           = false
}

# Internal load balancers are not judged.
resource "aws_lb" "internal" {
  name     = "internal"
  internal = true
}
