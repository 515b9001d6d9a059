provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["222222222222"]
}

resource "aws_kms_key" "db" {
  enable_key_rotation = true
}

resource "aws_db_instance" "primary" {
  identifier        = "innovate-prod"
  engine            = "postgres"
  instance_class    = "db.r6g.large"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}

# Its own storage_encrypted is ignored: a replica takes its source's encryption.
resource "aws_db_instance" "replica" {
  identifier          = "innovate-prod-ro"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.r6g.large"
}
