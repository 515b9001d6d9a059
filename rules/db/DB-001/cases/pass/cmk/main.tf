resource "aws_kms_key" "db" {
  description         = "RDS"
  enable_key_rotation = true
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}

# A key outside the scan named by ARN is taken as the customer-managed key it names.
resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
  kms_key_id         = "arn:aws:kms:us-east-1:333333333333:key/0d6f1c9a-0000-4000-8000-000000000001"
}

# A replica of a primary outside the scan cannot be judged: undecided.
resource "aws_db_instance" "replica_of_elsewhere" {
  identifier          = "elsewhere-ro"
  replicate_source_db = "some-other-db"
  instance_class      = "db.t4g.micro"
}
