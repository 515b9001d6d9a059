variable "vpc_id" { type = string }
variable "cidr" { type = string }

resource "aws_security_group" "this" {
  name_prefix = "db-"
  description = "database clients"
  vpc_id      = var.vpc_id
  ingress {
    description = "postgres"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}

output "id" { value = aws_security_group.this.id }
