# Tiers from every source the semantics name: Tier tags, EKS role tags, and
# for neutrally named subnets the default route (an internet gateway makes a
# subnet public) or, with no route at all, private.
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "a1" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "us-east-1a"
  tags              = { Tier = "public" }
}

resource "aws_subnet" "a2" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.40.2.0/24"
  availability_zone = "us-east-1a"
  tags              = { Tier = "Private" }
}

resource "aws_subnet" "b1" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.40.3.0/24"
  availability_zone = "us-east-1b"
  tags              = { "kubernetes.io/role/elb" = "1" }
}

resource "aws_subnet" "b2" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.40.4.0/24"
  availability_zone = "us-east-1b"
  tags              = { "kubernetes.io/role/internal-elb" = "1" }
}

resource "aws_subnet" "c1" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.40.5.0/24"
  availability_zone = "us-east-1c"
}

resource "aws_subnet" "c2" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.40.6.0/24"
  availability_zone = "us-east-1c"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "edge" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "c1" {
  subnet_id      = aws_subnet.c1.id
  route_table_id = aws_route_table.edge.id
}
