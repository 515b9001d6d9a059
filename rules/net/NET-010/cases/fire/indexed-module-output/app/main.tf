# A module output read with an index (module.sg[0].id) is the group of that
# instance: the database is open to a network outside its VPC.
provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

module "sg" {
  source = "../modules/sg"
  count  = 1
  vpc_id = aws_vpc.main.id
  cidr   = "203.0.113.0/24" # expect: NET-010
}

resource "aws_db_instance" "db" {
  identifier                  = "db"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "dbadmin"
  manage_master_user_password = true
  skip_final_snapshot         = true
  vpc_security_group_ids      = [module.sg[0].id]
}
