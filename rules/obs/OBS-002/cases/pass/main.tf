resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/innovate/app"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}
