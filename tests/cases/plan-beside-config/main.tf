provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "k" {
  description         = "k"
  enable_key_rotation = false
}
