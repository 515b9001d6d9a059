resource "aws_vpc" "main" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_vpc_ipv4_cidr_block_association" "pods" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "100.64.0.0/16"
}

# The same address as dev's default VPC would have; default VPCs never count.
resource "aws_vpc" "adjacent" {
  cidr_block = "10.3.0.0/16"
}
