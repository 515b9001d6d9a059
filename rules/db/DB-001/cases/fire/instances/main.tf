resource "aws_db_instance" "plain" {
  identifier        = "plain"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = false # expect: DB-001
}

# Encrypted, but with the AWS managed key.
resource "aws_db_instance" "aws_key" {
  identifier        = "aws-key"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = true
  kms_key_id        = "arn:aws:kms:us-east-1:333333333333:alias/aws/rds" # expect: DB-001
}

# Encrypted with no key named: the AWS managed key again.
resource "aws_db_instance" "default_key" { # expect: DB-001
  identifier        = "default-key"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = true
}

# storage_encrypted defaults to false on Aurora clusters too.
resource "aws_rds_cluster" "aurora" { # expect: DB-001
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
}
