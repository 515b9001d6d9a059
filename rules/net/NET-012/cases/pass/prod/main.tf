# Prod may be in us-west-2: the DR region.
provider "aws" {
  region = "us-west-2"
}

resource "aws_vpc" "dr" {
  cidr_block = "10.12.0.0/16"
}
