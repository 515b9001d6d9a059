variable "vpc_id" { type = string }
variable "client_cidr" { type = string }
variable "with_db" { type = bool }

resource "aws_security_group" "this" {
  name        = "svc-${var.client_cidr}"
  description = "service"
  vpc_id      = var.vpc_id
  ingress {
    description = "postgres"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.client_cidr]
  }
}

resource "aws_db_instance" "this" {
  count                  = var.with_db ? 1 : 0
  identifier_prefix      = "svc-"
  engine                 = "postgres"
  engine_version         = "16.3"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  username               = "dbadmin"
  manage_master_user_password = true
  skip_final_snapshot    = true
  vpc_security_group_ids = [aws_security_group.this.id]
}
