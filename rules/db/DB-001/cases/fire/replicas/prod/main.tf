provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["222222222222"]
}

resource "aws_db_instance" "primary" {
  identifier        = "innovate-prod"
  engine            = "postgres"
  instance_class    = "db.r6g.large"
  storage_encrypted = false # expect: DB-001
}

# A replica is encrypted as its source is, whatever it says itself.
resource "aws_db_instance" "replica" {
  identifier          = "innovate-prod-ro"
  replicate_source_db = aws_db_instance.primary.identifier # expect: DB-001
  instance_class      = "db.r6g.large"
  storage_encrypted   = true
}
