resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private_a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.10.0/24"
}

# vpc_endpoint_type defaults to Gateway.
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.s3"
}

resource "aws_vpc_endpoint" "ecr" {
  for_each            = toset(["api", "dkr"])
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.ecr.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}

# A VPC with public subnets only needs none.
resource "aws_vpc" "edge" {
  cidr_block = "10.9.0.0/16"
}

resource "aws_subnet" "edge_public" {
  vpc_id                  = aws_vpc.edge.id
  cidr_block              = "10.9.0.0/24"
  map_public_ip_on_launch = true
}
