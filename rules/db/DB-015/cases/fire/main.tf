resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.r6g.large"
  allocated_storage           = 100
  username                    = "app"
  manage_master_user_password = true
  auto_minor_version_upgrade  = false # expect: DB-015
}

resource "aws_rds_cluster_instance" "reports" {
  identifier                 = "reports-1"
  cluster_identifier         = "reports"
  engine                     = "aurora-postgresql"
  instance_class             = "db.r6g.large"
  auto_minor_version_upgrade = false # expect: DB-015
}
