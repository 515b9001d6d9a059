resource "aws_db_instance" "short" {
  identifier     = "short"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  backup_retention_period = 3 # expect: DB-009
  deletion_protection     = true
}

resource "aws_db_instance" "unprotected" { # expect: DB-009
  identifier     = "unprotected"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  backup_retention_period = 14
}
