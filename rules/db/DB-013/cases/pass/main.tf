resource "aws_db_instance" "pg16" {
  identifier     = "pg16"
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = "db.t4g.micro"
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
  engine_version     = "15.4"
}

# An empty version is one not set (modules write `default = ""`): today's default.
resource "aws_rds_cluster" "empty_version" {
  cluster_identifier = "empty-version"
  engine             = "aurora-postgresql"
  engine_version     = ""
  storage_encrypted  = true
}
