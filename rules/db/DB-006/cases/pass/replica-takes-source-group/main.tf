# A same-region read replica that names no parameter group runs with its source's
# (CreateDBInstanceReadReplica), which enforces TLS.
provider "aws" {
  region = "us-east-1"
}

resource "aws_db_parameter_group" "pg" {
  name   = "pg14-tls"
  family = "postgres14"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "primary" {
  identifier                  = "primary"
  engine                      = "postgres"
  engine_version              = "14.12"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  parameter_group_name        = aws_db_parameter_group.pg.name
}

resource "aws_db_instance" "replica" {
  identifier          = "replica"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.t4g.micro"
}
