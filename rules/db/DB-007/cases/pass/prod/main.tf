resource "aws_db_instance" "watched" {
  identifier     = "watched"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  monitoring_interval = 30
  monitoring_role_arn = "arn:aws:iam::222222222222:role/rds-monitoring"
}
