# AWS provider 6: a resource's own `region` overrides the provider's.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "home" {
  region              = "us-east-1"
  enable_key_rotation = true
}

resource "aws_route53_resolver_endpoint" "inbound" {
  region             = "us-east-1"
  direction          = "INBOUND"
  security_group_ids = ["sg-0a1b2c3d4e5f60718"]
  ip_address {
    subnet_id = "subnet-0a1b2c3d4e5f60718"
  }
}
