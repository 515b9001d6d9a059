resource "aws_kms_key" "secrets" {
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "api" {
  name       = "innovate/api"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret_rotation" "api" {
  secret_id           = aws_secretsmanager_secret.api.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:222222222222:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}
