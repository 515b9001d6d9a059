# Write-only arguments stay out of the state, not out of the repository; and
# a password made of words is as literal as a random one.
resource "aws_db_instance" "orders" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  password_wo                 = "x8Kq2mPzz91" # expect: DB-012
  password_wo_version         = 1
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier          = "ledger"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  master_password_wo          = "x8Kq2mPzz91" # expect: DB-012
  master_password_wo_version  = 1
}

resource "aws_db_instance" "reports" {
  identifier        = "reports"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  username          = "app"
  password          = "UberSecretPassword" # expect: DB-012
}
