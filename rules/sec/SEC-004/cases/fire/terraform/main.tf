variable "api_token" {
  type    = string
  default = "tok-7f3a9c2e1b"                 # expect: SEC-004
}

locals {
  clientSecret = "s3cr3t-v4lue"              # expect: SEC-004
}

resource "aws_db_instance" "db" {
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  username       = "app"
  password       = "Sup3rS3cret!"            # expect: SEC-004
}

resource "aws_ssm_parameter" "key" {
  name  = "/ci/key"
  type  = "SecureString"
  value = "placeholder"
  # old key AKIAIOSFODNN7EXAMPLE, rotated?    # expect: SEC-004
}
