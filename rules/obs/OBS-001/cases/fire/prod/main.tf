resource "aws_db_instance" "primary" { # expect: OBS-001
  identifier     = "innovate-prod"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "innovate-prod-cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  evaluation_periods  = 3
  period              = 60
  statistic           = "Average"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.primary.identifier }
}
