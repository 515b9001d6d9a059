resource "aws_instance" "bastion" { # expect: EKS-009
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: EKS-009
  }
}

resource "aws_launch_configuration" "legacy" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options { # expect: EKS-009
    http_put_response_hop_limit = 2
  }
}
