resource "aws_vpc" "main" { # expect: NET-007
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}

# A subnet's flow log does not cover the VPC.
resource "aws_flow_log" "subnet" {
  subnet_id    = aws_subnet.a.id
  traffic_type = "ALL"
}
