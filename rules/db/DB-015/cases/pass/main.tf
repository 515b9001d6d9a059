resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.r6g.large"
  allocated_storage           = 100
  username                    = "app"
  manage_master_user_password = true
  auto_minor_version_upgrade  = true
  maintenance_window          = "sun:04:10-sun:04:40"
}

# Unset: on.
resource "aws_db_instance" "app_ro" {
  identifier          = "app-ro"
  replicate_source_db = aws_db_instance.app.identifier
  instance_class      = "db.r6g.large"
}

resource "aws_rds_cluster_instance" "reports" {
  identifier         = "reports-1"
  cluster_identifier = "reports"
  engine             = "aurora-postgresql"
  instance_class     = "db.r6g.large"
}
