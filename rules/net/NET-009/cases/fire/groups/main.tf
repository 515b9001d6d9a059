resource "aws_security_group" "bastion" {
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"] # expect: NET-009
  }
  # A range that spans 80 and 443 is not "80 and 443, each exactly".
  ingress {
    protocol         = "tcp"
    from_port        = 80
    to_port          = 443
    ipv6_cidr_blocks = ["::/0"] # expect: NET-009
  }
}

# 443 is allowed only on a load balancer's group; this one is not attached to one.
resource "aws_security_group" "app" {
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"] # expect: NET-009
  }
}

# A separate rule counts like an inline one; all protocols open every port.
resource "aws_security_group_rule" "everything" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/1"] # expect: NET-009
}

# The group is not in the scan: the rule is judged on its own.
resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "0.0.0.0/0" # expect: NET-009
}
