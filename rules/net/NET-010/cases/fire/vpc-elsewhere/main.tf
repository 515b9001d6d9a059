# The VPC is made elsewhere, but no VPC holds 0.0.0.0/0 or ::/0: the port is open beyond it.
variable "vpc_id" {
  type = string
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = var.vpc_id
  ingress {
    from_port        = 5432
    to_port          = 5432
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"] # expect: NET-010
    ipv6_cidr_blocks = ["::/0"]
  }
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/24"]
  }
}

resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  vpc_security_group_ids = [aws_security_group.db.id]
}
