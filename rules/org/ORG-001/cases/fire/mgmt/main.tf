resource "aws_instance" "jump" { # expect: ORG-001
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_db_instance" "reports" { # expect: ORG-001
  identifier     = "reports"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}
