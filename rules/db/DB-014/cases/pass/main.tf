resource "aws_db_instance" "app" {
  identifier                      = "app"
  engine                          = "postgres"
  engine_version                  = "16.4"
  instance_class                  = "db.r6g.large"
  allocated_storage               = 100
  username                        = "app"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_db_instance" "app_ro" {
  identifier                      = "app-ro"
  replicate_source_db             = aws_db_instance.app.identifier
  instance_class                  = "db.r6g.large"
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

# Another engine is not judged.
resource "aws_db_instance" "legacy" {
  identifier                  = "legacy"
  engine                      = "mysql"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "legacy"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "events" {
  cluster_identifier              = "events"
  engine                          = "aurora-postgresql"
  master_username                 = "events"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

# Aurora's instances export what their cluster does.
resource "aws_rds_cluster_instance" "events" {
  identifier         = "events-1"
  cluster_identifier = aws_rds_cluster.events.id
  engine             = "aurora-postgresql"
  instance_class     = "db.r6g.large"
}
