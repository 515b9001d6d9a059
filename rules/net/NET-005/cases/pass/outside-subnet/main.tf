# A NAT gateway in a subnet that another state owns: whether that subnet is
# public is not known here, so the check is undecided.
provider "aws" {
  region = "us-east-1"
}

resource "aws_nat_gateway" "a" {
  subnet_id     = "subnet-0123456789abcdef0" # undecided: NET-005
  allocation_id = "eipalloc-0123456789abcdef0"
}
