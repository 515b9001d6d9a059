# Two roots, one address: the message names each with its file.
resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16" # expect: NET-001
}
