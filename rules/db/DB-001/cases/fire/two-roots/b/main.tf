provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "primary" {
  identifier        = "shared-primary"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = false # expect: DB-001
}

resource "aws_db_instance" "replica" {
  identifier          = "shared-replica"
  replicate_source_db = aws_db_instance.primary.identifier # expect: DB-001
  instance_class      = "db.t4g.micro"
}
