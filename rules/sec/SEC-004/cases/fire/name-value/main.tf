# An ECS task's container definitions are JSON text: read as the structure.
resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([{
    name        = "api"
    image       = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:2.0.1"
    environment = [{ name = "DB_PASSWORD", value = "hunter2literal" }] # expect: SEC-004
  }])
}
