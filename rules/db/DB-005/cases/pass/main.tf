resource "aws_db_instance" "db" {
  identifier                          = "db"
  engine                              = "postgres"
  instance_class                      = "db.t4g.micro"
  iam_database_authentication_enabled = true
}
