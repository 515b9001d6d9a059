resource "aws_db_instance" "primary" {
  identifier     = "innovate-prod"
  engine         = "postgres"
  instance_class = "db.r6g.large"
  multi_az       = true
}

# Read replicas are DB-003's concern; they need not be Multi-AZ.
resource "aws_db_instance" "replica" {
  identifier          = "innovate-prod-ro"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.r6g.large"
}

# Aurora: two instances, placed by AWS (or in two named zones).
resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "members" {
  count              = 2
  identifier         = "aurora-${count.index}"
  cluster_identifier = "aurora"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
