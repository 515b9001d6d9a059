resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = "prod/db"
  secret_string = jsonencode({ username = "admin", engine = "postgres", port = 5432 })
}
