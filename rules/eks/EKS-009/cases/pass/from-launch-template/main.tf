resource "aws_launch_template" "nodes" {
  name     = "nodes"
  image_id = "ami-0123456789abcdef0"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "node" {
  launch_template {
    id      = aws_launch_template.nodes.id
    version = "$Latest"
  }
}

resource "aws_instance" "elsewhere" { # undecided: EKS-009
  launch_template {
    name = "made-by-another-stack"
  }
}
