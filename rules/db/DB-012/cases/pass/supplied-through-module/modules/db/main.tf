variable "password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "this" {
  identifier          = "app"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "dbadmin"
  password            = var.password
  skip_final_snapshot = true
}
