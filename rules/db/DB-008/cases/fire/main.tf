resource "aws_db_instance" "fixed" { # expect: DB-008
  identifier     = "fixed"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  allocated_storage = 100
}

resource "aws_db_instance" "capped" {
  identifier     = "capped"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  allocated_storage     = 100
  max_allocated_storage = 100 # expect: DB-008
}
