resource "aws_db_instance" "small" {
  identifier     = "small"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}
