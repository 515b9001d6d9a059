# A read replica in another region that names no parameter group gets the
# engine's default there, not its source's: PostgreSQL 14 does not force TLS.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
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
  storage_encrypted           = true
  parameter_group_name        = aws_db_parameter_group.pg.name
}

resource "aws_db_instance" "dr" { # expect: DB-006
  provider            = aws.west
  identifier          = "primary-dr"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
}
