# Dev runs one small instance (DB-011); DB-003 is for staging and prod.
resource "aws_db_instance" "dev" {
  identifier     = "innovate-dev"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}
