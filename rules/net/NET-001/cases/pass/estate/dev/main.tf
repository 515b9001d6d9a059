# Distinct address plans; the pod range 100.64.0.0/16 repeats, as it may, and
# a default VPC is ignored.
resource "aws_vpc" "main" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc_ipv4_cidr_block_association" "pods" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "100.64.0.0/16"
}

resource "aws_default_vpc" "default" {}
