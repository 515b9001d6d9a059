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

# Half the internet, written with host bits: 1.0.0.0/1 is 0.0.0.0/1.
resource "aws_security_group_rule" "everything" {
  type              = "ingress"
  security_group_id = "sg-0a1b2c3d4e5f60789"
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["1.0.0.0/1"] # expect: NET-009
}
