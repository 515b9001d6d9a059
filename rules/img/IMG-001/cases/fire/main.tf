resource "aws_ecr_repository" "api" { # expect: IMG-001
  name = "api"
}
