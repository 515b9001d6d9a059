resource "aws_db_parameter_group" "lax" {
  name   = "lax"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "0" # expect: DB-006
  }
}

resource "aws_db_instance" "lax" {
  identifier           = "lax"
  engine               = "postgres"
  engine_version       = "16.3"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.lax.name
}

# PostgreSQL 14 does not force TLS by default.
resource "aws_db_instance" "old" { # expect: DB-006
  identifier     = "old"
  engine         = "postgres"
  engine_version = "14.10"
  instance_class = "db.t4g.micro"
}

# Nor does MySQL.
resource "aws_db_instance" "mysql" { # expect: DB-006
  identifier     = "mysql"
  engine         = "mysql"
  instance_class = "db.t4g.micro"
}
