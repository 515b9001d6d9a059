# Production may be large and Multi-AZ.
resource "aws_db_instance" "big" {
  identifier     = "big"
  engine         = "postgres"
  instance_class = "db.r6g.2xlarge"
  multi_az       = true
}
