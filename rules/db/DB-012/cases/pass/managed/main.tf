# The password is made and rotated by RDS in Secrets Manager: nothing to leak.
resource "aws_db_instance" "orders" {
  identifier                  = "innovate-orders"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.r6g.large"
  allocated_storage           = 100
  username                    = "app"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier          = "innovate-reports"
  engine                      = "aurora-postgresql"
  master_username             = "reports"
  manage_master_user_password = true
}
