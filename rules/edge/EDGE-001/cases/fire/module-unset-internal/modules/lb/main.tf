variable "internal" {
  type    = bool
  default = null
}
variable "subnets" { type = list(string) }

resource "aws_lb" "this" { # expect: EDGE-001
  name               = "web"
  load_balancer_type = "application"
  internal           = var.internal
  subnets            = var.subnets
}
