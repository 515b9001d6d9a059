# CPU by CloudWatch; memory only recorded in prod, and restarts alerted in
# staging's manifests, which do not watch prod's cluster.
resource "aws_eks_cluster" "main" { # expect: OBS-003
  name     = "innovate-prod"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "node-cpu"
  namespace           = "ContainerInsights"
  metric_name         = "node_cpu_utilization"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  evaluation_periods  = 3
  period              = 60
  statistic           = "Average"
  dimensions          = { ClusterName = aws_eks_cluster.main.name }
}
