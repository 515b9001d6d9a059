resource "aws_vpc" "main" { # expect: NET-006
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public_a" { # expect: NET-006
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}

# A public route table whose default route goes to a NAT gateway.
resource "aws_route_table" "edge" {
  vpc_id = aws_vpc.main.id
  route { # expect: NET-006
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = "nat-0123456789abcdef0"
  }
}

resource "aws_subnet" "public_b" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_route_table_association" "public_b" {
  subnet_id      = aws_subnet.public_b.id
  route_table_id = aws_route_table.edge.id
}
