# Public subnets only: no private tier at all.
resource "aws_vpc" "flat" { # expect: NET-003
  cidr_block = "10.50.0.0/16"
}

resource "aws_subnet" "public" {
  for_each                = toset(["us-east-1a", "us-east-1b", "us-east-1c"])
  vpc_id                  = aws_vpc.flat.id
  cidr_block              = cidrsubnet("10.50.0.0/16", 8, index(["us-east-1a", "us-east-1b", "us-east-1c"], each.key))
  availability_zone       = each.key
  map_public_ip_on_launch = true
}

# Three of each, but zone c has no private subnet.
resource "aws_vpc" "lopsided" { # expect: NET-003
  cidr_block = "10.51.0.0/16"
}

resource "aws_subnet" "lopsided_public" {
  count             = 3
  vpc_id            = aws_vpc.lopsided.id
  cidr_block        = cidrsubnet("10.51.0.0/16", 8, count.index)
  availability_zone = ["us-east-1a", "us-east-1b", "us-east-1c"][count.index]
}

resource "aws_subnet" "lopsided_private" {
  count             = 3
  vpc_id            = aws_vpc.lopsided.id
  cidr_block        = cidrsubnet("10.51.0.0/16", 8, count.index + 10)
  availability_zone = ["us-east-1a", "us-east-1b", "us-east-1a"][count.index]
}
