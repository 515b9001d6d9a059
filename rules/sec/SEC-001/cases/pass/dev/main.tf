# SEC-001 is for staging and prod.
resource "aws_secretsmanager_secret" "api" {
  name = "innovate/api"
}
