resource "aws_ecr_repository" "api" { # expect: IMG-002
  name = "api"
}
