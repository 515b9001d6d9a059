# Zones unknown before apply (no provider region to look them up in) leave
# the check undecided, never failed.
data "aws_availability_zones" "somewhere" {}

resource "aws_vpc" "unknown" {
  cidr_block = "10.12.0.0/16"
}

resource "aws_subnet" "unknown" {
  count             = 3
  vpc_id            = aws_vpc.unknown.id
  cidr_block        = cidrsubnet("10.12.0.0/16", 8, count.index)
  availability_zone = data.aws_availability_zones.somewhere.names[count.index]
}
