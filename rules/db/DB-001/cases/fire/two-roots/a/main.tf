# Two roots (two examples of one module) name their primaries alike. The
# replica in b copies b's primary, which is not encrypted: a's, which is,
# does not speak for it.
provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "primary" {
  identifier        = "shared-primary"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}

resource "aws_kms_key" "db" {
  description = "a's database key"
}
