provider "aws" { region = "us-east-1" }
# Configuration A: a VPC without a flow log.
resource "aws_vpc" "a" { cidr_block = "10.1.0.0/16" }
