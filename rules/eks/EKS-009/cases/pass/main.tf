resource "aws_instance" "bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
}

# No metadata endpoint at all: nothing to steal.
resource "aws_launch_template" "sealed" {
  name_prefix = "sealed-"
  metadata_options {
    http_endpoint = "disabled"
  }
}
