# A secondary block counts like a primary one.
resource "aws_vpc" "shared" {
  cidr_block = "10.20.0.0/16" # expect: NET-001
}

resource "aws_vpc" "analytics" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_vpc_ipv4_cidr_block_association" "analytics_extra" {
  vpc_id     = aws_vpc.analytics.id
  cidr_block = "10.20.64.0/18"
}
