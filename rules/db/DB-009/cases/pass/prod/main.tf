resource "aws_db_instance" "kept" {
  identifier     = "kept"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  backup_retention_period = 7
  deletion_protection     = true
}

# Replicas are not judged.
resource "aws_db_instance" "replica" {
  identifier          = "kept-ro"
  replicate_source_db = aws_db_instance.kept.identifier
  instance_class      = "db.t4g.micro"
}
