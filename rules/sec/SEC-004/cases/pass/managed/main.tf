# Secrets stay out of the code: RDS keeps the password in Secrets Manager, and
# what looks like a secret by its name is a length, a TTL or an ARN.
locals {
  token_ttl_seconds = 3600
  secret_arn        = "arn:aws:secretsmanager:us-east-1:222222222222:secret:api-AbCdEf"
}

resource "aws_db_instance" "db" {
  identifier                  = "innovate-app"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
}

resource "aws_ssm_parameter" "secret_arn" {
  name  = "/innovate/api/secret-arn"
  type  = "String"
  value = local.secret_arn
}
