resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# A public subnet's ACL that lets return traffic in on every low port: SSH among them.
resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.main.id

  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0" # expect: NET-014
    from_port  = 0
    to_port    = 1024
  }
  # A deny before it that covers part of the sources only.
  ingress {
    protocol   = "tcp"
    rule_no    = 90
    action     = "deny"
    cidr_block = "10.0.0.0/8"
    from_port  = 22
    to_port    = 22
  }
  # A deny of IPv4 sources does not cover the IPv6 allow below it.
  ingress {
    protocol   = "udp"
    rule_no    = 90
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }
  ingress {
    protocol        = "17"
    rule_no         = 110
    action          = "allow"
    ipv6_cidr_block = "::/0" # expect: NET-014
    from_port       = 3389
    to_port         = 3389
  }
  egress {
    protocol   = "-1"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl_rule" "everything" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 200
  egress         = false
  protocol       = "all"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # expect: NET-014
}

resource "aws_network_acl" "other" {
  vpc_id = aws_vpc.main.id
}

# A deny after the allow comes too late.
resource "aws_network_acl_rule" "rdp_denied_late" {
  network_acl_id = aws_network_acl.other.id
  rule_number    = 300
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 3389
  to_port        = 3389
}

resource "aws_network_acl_rule" "rdp" {
  network_acl_id = aws_network_acl.other.id
  rule_number    = 210
  protocol       = 6
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # expect: NET-014
  from_port      = 3389
  to_port        = 3389
}

# Adopting the default ACL with AWS's allow-everything entry.
resource "aws_default_network_acl" "default" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id

  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0" # expect: NET-014
    from_port  = 0
    to_port    = 0
  }
}
