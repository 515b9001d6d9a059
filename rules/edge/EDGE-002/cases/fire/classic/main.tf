resource "aws_elb" "web" {
  name    = "web"
  subnets = ["subnet-0123456789abcdef0"]
  listener {
    lb_port           = 80
    lb_protocol       = "http" # expect: EDGE-002
    instance_port     = 8080
    instance_protocol = "http"
  }
}
