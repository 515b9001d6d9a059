resource "aws_db_instance" "growing" {
  identifier     = "growing"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  allocated_storage     = 100
  max_allocated_storage = 1000
}

# Aurora grows its storage by itself.
resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
}
