resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.app.id]
  }
  ingress {
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = ["10.0.32.0/19"]
  }
}

resource "aws_db_instance" "db" {
  identifier             = "db"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  vpc_security_group_ids = [aws_security_group.db.id]
}

# Not a database's group: NET-010 does not judge it (NET-009 might).
resource "aws_security_group" "partner" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = ["203.0.113.0/24"]
  }
}
