resource "aws_lb" "web" { # expect: EDGE-001
  subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  name               = "web"
  load_balancer_type = "application"
  internal           = false
}

# Internal load balancers are not judged.
resource "aws_lb" "internal" {
  subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  name     = "internal"
  internal = true
}
