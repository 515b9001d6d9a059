# The write-only password comes from an ephemeral read of a secret: nothing
# is written in the code, nothing is kept in the state.
ephemeral "aws_secretsmanager_secret_version" "db" {
  secret_id = "prod/orders/db"
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "app"
  password_wo         = ephemeral.aws_secretsmanager_secret_version.db.secret_string
  password_wo_version = 1
}
