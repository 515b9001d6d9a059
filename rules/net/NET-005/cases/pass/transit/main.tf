# Private subnets may leave through a transit gateway (an egress VPC
# elsewhere); IPv6 through an egress-only gateway. The VPC still has its two
# public NAT gateways.
resource "aws_vpc" "spoke" {
  cidr_block = "10.90.0.0/16"
}

resource "aws_subnet" "public_a" {
  vpc_id            = aws_vpc.spoke.id
  cidr_block        = "10.90.0.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "public_b" {
  vpc_id            = aws_vpc.spoke.id
  cidr_block        = "10.90.1.0/24"
  availability_zone = "us-east-1b"
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.spoke.id
  cidr_block        = "10.90.10.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_nat_gateway" "a" {
  subnet_id = aws_subnet.public_a.id
}

resource "aws_nat_gateway" "b" {
  subnet_id = aws_subnet.public_b.id
}

# A private NAT gateway may sit anywhere and does not count.
resource "aws_nat_gateway" "internal" {
  subnet_id         = aws_subnet.private_a.id
  connectivity_type = "private"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.spoke.id
  route {
    cidr_block         = "0.0.0.0/0"
    transit_gateway_id = "tgw-0123456789abcdef0"
  }
  route {
    ipv6_cidr_block        = "::/0"
    egress_only_gateway_id = "eigw-0123456789abcdef0"
  }
}

resource "aws_route_table_association" "private_a" {
  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private.id
}
