# A replica through a provider whose region is a variable without a value:
# whether it crosses regions (and so needs a key of its own) is not known.
provider "aws" {
  region = "us-east-1"
}

variable "replica_region" {
  type = string
}

provider "aws" {
  alias  = "replica"
  region = var.replica_region
}

resource "aws_kms_key" "db" {
  description         = "database storage"
  enable_key_rotation = true
}

resource "aws_db_instance" "primary" {
  identifier          = "innovate-prod-db"
  engine              = "postgres"
  instance_class      = "db.r6g.large"
  allocated_storage   = 100
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.db.arn
  multi_az            = true
  username            = "app"
  manage_master_user_password = true
}

resource "aws_db_instance" "replica" { # undecided: DB-001
  provider            = aws.replica
  identifier          = "innovate-prod-db-replica"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.r6g.large"
  storage_encrypted   = true
}
