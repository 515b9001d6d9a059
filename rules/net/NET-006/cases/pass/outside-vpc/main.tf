# A public subnet of a VPC that another state owns, with no route table
# association here: the VPC's main table (which may route to an internet
# gateway) is not in the scan, so the check is undecided.
provider "aws" {
  region = "us-east-1"
}

resource "aws_subnet" "public_a" {
  vpc_id                  = "vpc-0123456789abcdef0" # undecided: NET-006
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
  tags = {
    Name = "public-a"
  }
}
