# A subnet may live in a secondary block; adjacent subnets touch without
# overlapping; a subnet whose VPC is outside the scan is not judged.
resource "aws_vpc" "main" {
  cidr_block = "10.70.0.0/16"
}

resource "aws_vpc_ipv4_cidr_block_association" "pods" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "100.64.0.0/16"
}

resource "aws_subnet" "nodes" {
  count      = 3
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet("10.70.0.0/16", 4, count.index)
}

resource "aws_subnet" "pods" {
  count      = 3
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet("100.64.0.0/16", 2, count.index)
}

resource "aws_subnet" "elsewhere" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "192.168.0.0/24"
}
