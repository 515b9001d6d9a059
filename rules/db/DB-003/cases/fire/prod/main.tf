resource "aws_db_instance" "lonely" { # expect: DB-003
  identifier     = "lonely"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}

resource "aws_rds_cluster" "aurora" { # expect: DB-003
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
