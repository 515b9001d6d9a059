resource "aws_db_instance" "mysql" {
  identifier     = "mysql"
  engine         = "mysql" # expect: DB-013
  instance_class = "db.t4g.micro"
}

resource "aws_db_instance" "old" {
  identifier     = "old"
  engine         = "postgres"
  engine_version = "13.14" # expect: DB-013
  instance_class = "db.t4g.micro"
}
