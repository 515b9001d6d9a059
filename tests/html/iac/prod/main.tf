# Declared side of the HTML report test: one open security group that counts,
# one suppressed inline with a reason, and one whose suppression has expired
# (a warning, and the finding counts again).
resource "aws_security_group" "admin" {
  name   = "admin"
  vpc_id = "vpc-0prod"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "partner" {
  name   = "partner"
  vpc_id = "vpc-0prod"
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # guardrail:ignore NET-009 partner jump host behind their VPN, reviewed in SEC-881
  }
}

resource "aws_security_group" "migration" {
  name   = "migration"
  vpc_id = "vpc-0prod"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # guardrail:ignore NET-009 until 2026-09-30 data migration window (OPS-40)
  }
}
