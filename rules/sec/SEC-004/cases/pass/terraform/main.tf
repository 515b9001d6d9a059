# Secret-looking names with references, interpolations and empty values; a
# password_length is not a password; an ARN is not a literal secret.
variable "db_password" {
  type      = string
  sensitive = true
}

locals {
  token_ttl_seconds = 3600
  secret_arn        = "arn:aws:secretsmanager:us-east-1:222222222222:secret:api-AbCdEf"
}

resource "random_password" "db" {
  length = 32
}

resource "aws_db_instance" "db" {
  engine                      = "postgres"
  username                    = "app"
  manage_master_user_password = true
}

resource "aws_db_instance" "legacy" {
  engine   = "postgres"
  username = "app"
  password = random_password.db.result
}

resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = local.secret_arn
  secret_string = jsonencode({ password = var.db_password })
}
