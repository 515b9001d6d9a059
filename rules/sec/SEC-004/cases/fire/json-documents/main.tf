resource "aws_secretsmanager_secret_version" "db" {
  secret_id = "prod/db"
  secret_string = jsonencode({
    username = "admin"
    password = "x9Kq2Lm8Np4Rt6Vw" # expect: SEC-004
  })
}
