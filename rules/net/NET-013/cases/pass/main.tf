resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# No ingress and no egress: Terraform removes every rule of the default group.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
}

# Other groups are NET-009's and NET-010's concern.
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
