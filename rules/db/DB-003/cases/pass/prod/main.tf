resource "aws_db_instance" "primary" {
  identifier     = "innovate-prod"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}

resource "aws_db_instance" "replica" {
  identifier          = "innovate-prod-ro"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.r6g.large"
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "members" {
  count              = 2
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
