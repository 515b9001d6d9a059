resource "aws_vpc" "main" { # expect: NET-002
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.2.0/24"
  availability_zone = "us-east-1b"
}

# A third subnet in a zone already used does not make a third zone.
resource "aws_subnet" "c" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.3.0/24"
  availability_zone = "us-east-1a"
}

# A VPC without subnets has zero zones.
resource "aws_vpc" "empty" { # expect: NET-002
  cidr_block = "10.21.0.0/16"
}
