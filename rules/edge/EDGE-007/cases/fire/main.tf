resource "aws_lb" "web" { # expect: EDGE-007
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "aws_lb" "api" {
  name                       = "api"
  internal                   = true
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = false # expect: EDGE-007
}

resource "aws_alb" "legacy" {
  name                       = "legacy"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = true
  desync_mitigation_mode     = "monitor" # expect: EDGE-007
}
