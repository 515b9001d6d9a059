# A CIDR with host bits set still means its network: 0.0.0.2/0 is the whole
# internet (Terraform's provider rejects it; a hand-written plan or another
# tool's output may not).
resource "aws_security_group" "app" {
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.2/0"] # expect: NET-009
  }
}
