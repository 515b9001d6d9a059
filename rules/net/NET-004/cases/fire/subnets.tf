resource "aws_vpc" "main" {
  cidr_block = "10.60.0.0/16"
}

resource "aws_subnet" "outside" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.61.0.0/24" # expect: NET-004
}

# cidrsubnet(…, 4, 1) is 10.60.16.0/20, which holds 10.60.17.0/24.
resource "aws_subnet" "wide" {
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 4, 1) # expect: NET-004
}

resource "aws_subnet" "narrow" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.60.17.0/24"
}
