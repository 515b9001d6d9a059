resource "aws_cloudwatch_log_group" "app" { # expect: OBS-002
  name = "/innovate/app"
}
