resource "aws_db_instance" "primary" {
  identifier     = "innovate-prod"
  engine         = "postgres"
  instance_class = "db.r6g.large"
}

resource "aws_db_instance" "replica" {
  identifier          = "innovate-prod-ro"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.r6g.large"
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  evaluation_periods  = 3
  period              = 60
  statistic           = "Average"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.primary.identifier }
}

resource "aws_cloudwatch_metric_alarm" "storage" {
  alarm_name          = "storage"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  evaluation_periods  = 3
  period              = 60
  statistic           = "Average"
  dimensions          = { DBInstanceIdentifier = "innovate-prod" }
}

resource "aws_cloudwatch_metric_alarm" "replica_cpu" {
  alarm_name          = "replica_cpu"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  evaluation_periods  = 3
  period              = 60
  statistic           = "Average"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.replica.id }
}

resource "aws_cloudwatch_metric_alarm" "replica_storage" {
  alarm_name          = "replica_storage"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  evaluation_periods  = 3
  period              = 60
  statistic           = "Average"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.replica.identifier }
}

resource "aws_cloudwatch_metric_alarm" "replica_lag" {
  alarm_name          = "replica_lag"
  namespace           = "AWS/RDS"
  metric_name         = "ReplicaLag"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  evaluation_periods  = 3
  period              = 60
  statistic           = "Average"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.replica.identifier }
}
