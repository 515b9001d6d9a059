# The instance turns the endpoint back on: its own options win over the
# template's, and it sets no tokens, so IMDSv1 answers.
resource "aws_launch_template" "hardened" {
  name_prefix = "hardened-"
  image_id    = "ami-0abcdef1234567890"
  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_instance" "app" {
  launch_template {
    id = aws_launch_template.hardened.id
  }
  metadata_options { # expect: EKS-009
    http_endpoint = "enabled"
  }
}
