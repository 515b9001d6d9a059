resource "aws_db_instance" "app" { # expect: DB-014
  identifier                  = "app"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.r6g.large"
  allocated_storage           = 100
  username                    = "app"
  manage_master_user_password = true
}

# Its replica runs its engine and exports nothing either.
resource "aws_db_instance" "app_ro" { # expect: DB-014
  identifier          = "app-ro"
  replicate_source_db = aws_db_instance.app.identifier
  instance_class      = "db.r6g.large"
}

resource "aws_db_instance" "reports" {
  identifier                      = "reports"
  engine                          = "postgres"
  instance_class                  = "db.r6g.large"
  allocated_storage               = 100
  username                        = "reports"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["upgrade"] # expect: DB-014
}

resource "aws_rds_cluster" "events" { # expect: DB-014
  cluster_identifier          = "events"
  engine                      = "aurora-postgresql"
  master_username             = "events"
  manage_master_user_password = true
}
