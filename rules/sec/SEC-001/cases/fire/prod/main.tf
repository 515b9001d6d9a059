resource "aws_secretsmanager_secret" "api" { # expect: SEC-001
  name = "innovate/api"
}
