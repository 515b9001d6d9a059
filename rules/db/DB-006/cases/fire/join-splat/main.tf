# join("", X[*].name) of a resource counted once is that resource's name: the
# cloudposse modules link every resource so.
variable "enabled" {
  type    = bool
  default = true
}

resource "aws_db_parameter_group" "default" {
  count       = var.enabled ? 1 : 0
  name_prefix = "pg-"
  family      = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "0" # expect: DB-006
  }
}

resource "aws_db_parameter_group" "listed" {
  count  = var.enabled ? 1 : 0
  name   = "listed"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "0" # expect: DB-006
  }
}

resource "aws_db_instance" "default" {
  count                       = var.enabled ? 1 : 0
  identifier                  = "db"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  parameter_group_name        = join("", aws_db_parameter_group.default[*].name)
  manage_master_user_password = true
  username                    = "app"
}

resource "aws_db_instance" "listed" {
  count                       = var.enabled ? 1 : 0
  identifier                  = "db2"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  parameter_group_name        = join("", [for g in aws_db_parameter_group.listed : g.name])
  manage_master_user_password = true
  username                    = "app"
}
