# The primary uses the AWS managed key; its cross-region replica names a
# customer-managed key of its own region, which AWS encrypts it with: only the
# primary is reported (terraform-aws-rds's cross-region-replica-postgres).
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_kms_key" "west" {
  provider            = aws.west
  enable_key_rotation = true
}

resource "aws_db_instance" "primary" { # expect: DB-001
  identifier        = "primary"
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  storage_encrypted = true
}

resource "aws_db_instance" "replica" {
  provider            = aws.west
  identifier          = "replica"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t4g.medium"
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.west.arn
}
