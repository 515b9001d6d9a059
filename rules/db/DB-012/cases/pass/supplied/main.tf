# The password is a variable without a default: given when the plan was
# made (-var, TF_VAR_), not written in the code.
variable "db_password" {
  type      = string
  sensitive = true
}

variable "region" {
  type = string
}

provider "aws" {
  region = var.region
}

resource "aws_db_instance" "app" {
  identifier          = "innovate-app"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.r6g.large"
  allocated_storage   = 100
  username            = "app"
  password            = var.db_password
  storage_encrypted   = true
  skip_final_snapshot = true
}
