# A password given when the plan is made (TF_VAR_db_password), passed down to a
# module: not written in the code, at the root or in the module.
provider "aws" {
  region = "us-east-1"
}

# Supplied at plan time (TF_VAR_db_password from the CI secret store); no default.
variable "db_password" {
  type      = string
  sensitive = true
}

module "db" {
  source   = "../modules/db"
  password = var.db_password
}

resource "aws_db_instance" "direct" {
  identifier          = "direct"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "dbadmin"
  password            = var.db_password
  skip_final_snapshot = true
}
