resource "aws_vpc" "main" { # expect: ORG-003
  cidr_block = "10.2.0.0/16"
}
