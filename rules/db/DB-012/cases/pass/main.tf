# Managed by RDS in Secrets Manager, or from a variable without a literal default.
variable "db_password" {
  sensitive = true
}

resource "aws_db_instance" "managed" {
  identifier                  = "managed"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  username                    = "app"
  manage_master_user_password = true
}

resource "aws_db_instance" "from_variable" {
  identifier     = "from-variable"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  username       = "app"
  password       = var.db_password
}
