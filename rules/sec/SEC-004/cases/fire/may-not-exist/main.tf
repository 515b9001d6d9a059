# Created or not, a literal secret is written in the code: whether the
# cluster exists is known at apply, the password is in the repository now.
variable "enabled" {
  type = bool
}

resource "aws_rds_cluster" "db" {
  count              = var.enabled ? 1 : 0
  cluster_identifier = "app"
  engine             = "aurora-postgresql"
  master_username    = "app"
  master_password    = "Test123456789" # expect: SEC-004
}
