variable "db_password" {
  default = "Sup3rSecret!" # expect: DB-012
}

resource "aws_db_instance" "via_variable" {
  identifier     = "via-variable"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  username       = "app"
  password       = var.db_password
}

resource "aws_rds_cluster" "literal" {
  cluster_identifier = "literal"
  engine             = "aurora-postgresql"
  master_username    = "app"
  master_password    = "hunter2hunter2" # expect: DB-012
}
