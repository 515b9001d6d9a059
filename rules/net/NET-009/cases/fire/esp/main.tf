# IPsec (ESP, protocol 50) from anywhere: open to the internet, though it carries no TCP port.
resource "aws_security_group" "vpn" {
  name   = "vpn"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
  ingress {
    protocol    = "50"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"] # expect: NET-009
  }
}
