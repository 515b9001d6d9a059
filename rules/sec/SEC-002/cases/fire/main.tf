resource "aws_kms_key" "data" { # expect: SEC-002
  description = "data"
}
