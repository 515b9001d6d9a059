# Subnets that name no zone get one AWS picks when it creates them: three of
# them may be in three zones, so the count is undecided, not "0 zones".
provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" { # undecided: NET-002
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  count      = 3
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}
