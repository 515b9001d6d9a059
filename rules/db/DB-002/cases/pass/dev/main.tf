# Dev databases are single-AZ on purpose (DB-011); DB-002 is for staging and prod.
resource "aws_db_instance" "dev" {
  identifier     = "innovate-dev"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  multi_az       = false
}
