# A reference inside a module instance means that instance: only "a" has a
# database, and its group opens 5432 inside the VPC; "b"'s group, open to a
# partner network, guards no database.
provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

# "a" has a database, reachable from inside the VPC only.
# "b" has no database: its group opens 5432 to a partner network, and no database uses it.
module "svc" {
  source   = "../modules/svc"
  for_each = {
    a = { cidr = "10.20.0.0/16", db = true }
    b = { cidr = "203.0.113.0/24", db = false }
  }
  vpc_id      = aws_vpc.main.id
  client_cidr = each.value.cidr
  with_db     = each.value.db
}
