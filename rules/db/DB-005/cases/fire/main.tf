resource "aws_db_instance" "db" { # expect: DB-005
  identifier     = "db"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier                  = "aurora"
  engine                              = "aurora-postgresql"
  iam_database_authentication_enabled = false # expect: DB-005
}
