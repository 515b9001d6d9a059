variable "cidr" {
  type    = string
  default = "10.0.0.0/16" # expect: NET-001
}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
}
