resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([{
    name        = "api"
    image       = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:2.0.1"
    environment = [{ name = "REGION", value = "x9Kq2Lm8Np4Rt6Vw" }]
    secrets     = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:ssm:us-east-1:123456789012:parameter/db" }]
  }])
}
