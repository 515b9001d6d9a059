# A Multi-AZ DB cluster: a writer and two readable standbys that AWS creates itself.
# RDS Multi-AZ DB cluster (not Aurora): one writer + two readable standbys, created by AWS
resource "aws_rds_cluster" "pg" {
  cluster_identifier          = "pg-multiaz"
  engine                      = "postgres"
  engine_version              = "17.5"
  db_cluster_instance_class   = "db.c6gd.large"
  storage_type                = "io1"
  allocated_storage           = 100
  iops                        = 1000
  availability_zones          = ["us-east-1a", "us-east-1b", "us-east-1c"]
  master_username             = "root"
  manage_master_user_password = true
}
