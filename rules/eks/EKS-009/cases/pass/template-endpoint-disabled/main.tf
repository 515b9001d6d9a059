# A hardened template turns the metadata service off: an instance launched
# from it that sets no options of its own has no IMDS at all, v1 or v2.
resource "aws_launch_template" "hardened" {
  name_prefix = "hardened-"
  image_id    = "ami-0abcdef1234567890"
  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_instance" "by_id" {
  launch_template {
    id = aws_launch_template.hardened.id
  }
}

resource "aws_launch_template" "named" {
  name     = "hardened-named"
  image_id = "ami-0abcdef1234567890"
  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_instance" "by_name" {
  launch_template {
    name = aws_launch_template.named.name
  }
}
