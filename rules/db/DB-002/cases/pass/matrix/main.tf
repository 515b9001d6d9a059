variable "multi_az" {
  type    = bool
  default = false
}

resource "aws_db_instance" "main" {
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.r6g.large"
  storage_encrypted = true
  multi_az          = var.multi_az
}
