resource "aws_lambda_function_url" "webhook" {
  function_name      = "innovate-webhook"
  authorization_type = "NONE" # expect: SEC-008
}

resource "aws_lambda_permission" "webhook_url" {
  statement_id           = "FunctionURLAllowPublicAccess"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "innovate-webhook"
  principal              = "*" # expect: SEC-008
  function_url_auth_type = "NONE"
}

resource "aws_lambda_permission" "anyone" {
  statement_id  = "AllowAnyone"
  action        = "lambda:InvokeFunction"
  function_name = "innovate-rotate-secret"
  principal     = "*" # expect: SEC-008
}
