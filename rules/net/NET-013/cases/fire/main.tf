resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# Adopting the default group keeps only the rules written here.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  ingress { # expect: NET-013
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
}
