resource "aws_db_instance" "restored" { # undecided: DB-001
  instance_class      = "db.t3.medium"
  snapshot_identifier = "prod-before-upgrade"
}
