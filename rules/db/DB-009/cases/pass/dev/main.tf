resource "aws_db_instance" "dev" {
  identifier     = "dev"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}
