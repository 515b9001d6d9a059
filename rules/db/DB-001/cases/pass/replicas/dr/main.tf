provider "aws" {
  region              = "us-west-2"
  allowed_account_ids = ["222222222222"]
}

resource "aws_kms_key" "dr" {
  enable_key_rotation = true
}

resource "aws_db_instance" "dr" {
  identifier          = "innovate-dr"
  replicate_source_db = "arn:aws:rds:us-east-1:222222222222:db:innovate-prod"
  kms_key_id          = aws_kms_key.dr.arn
  instance_class      = "db.r6g.large"
}
