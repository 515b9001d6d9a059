# AWS provider 6: a resource's own `region` overrides the provider's.
provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "replica" { # expect: NET-012
  region              = "eu-west-1"
  enable_key_rotation = true
}

data "aws_availability_zones" "ireland" {
  region = "eu-west-1"
}

resource "aws_subnet" "ireland" { # expect: NET-012
  region            = "eu-west-1"
  vpc_id            = "vpc-0a1b2c3d4e5f60718"
  cidr_block        = "10.4.1.0/24"
  availability_zone = data.aws_availability_zones.ireland.names[0]
}

# Route 53 Resolver is regional, though Route 53's DNS is global.
provider "aws" {
  alias  = "ireland"
  region = "eu-west-1"
}

resource "aws_route53_resolver_endpoint" "inbound" { # expect: NET-012
  provider           = aws.ireland
  direction          = "INBOUND"
  security_group_ids = ["sg-0a1b2c3d4e5f60718"]
  ip_address {
    subnet_id = "subnet-0a1b2c3d4e5f60718"
  }
}

# Hosted zones are global: never judged.
resource "aws_route53_zone" "internal" {
  provider = aws.ireland
  name     = "innovate.internal"
}
