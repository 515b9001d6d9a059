resource "aws_db_instance" "big" {
  identifier     = "big"
  engine         = "postgres"
  instance_class = "db.r6g.2xlarge" # expect: DB-011
  multi_az       = true # expect: DB-011
}
