resource "aws_db_instance" "plain" { # expect: DB-007
  identifier     = "plain"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}

resource "aws_db_instance" "no_role" { # expect: DB-007
  identifier     = "no-role"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  monitoring_interval = 60
}
