resource "aws_lambda_function_url" "webhook" {
  function_name      = "innovate-webhook"
  authorization_type = "AWS_IAM"
}

# Secrets Manager may invoke the rotation function.
resource "aws_lambda_permission" "secrets_manager" {
  statement_id  = "AllowSecretsManager"
  action        = "lambda:InvokeFunction"
  function_name = "innovate-rotate-secret"
  principal     = "secretsmanager.amazonaws.com"
}

# Everyone, narrowed to one account's calls or to the organization.
resource "aws_lambda_permission" "account" {
  statement_id   = "AllowAccount"
  action         = "lambda:InvokeFunction"
  function_name  = "innovate-rotate-secret"
  principal      = "*"
  source_account = "222222222222"
}

resource "aws_lambda_permission" "organization" {
  statement_id     = "AllowOrganization"
  action           = "lambda:InvokeFunction"
  function_name    = "innovate-rotate-secret"
  principal        = "*"
  principal_org_id = "o-a1b2c3d4e5"
}
