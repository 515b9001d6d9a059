provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "primary" { # expect: DB-010
  identifier     = "primary"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}
