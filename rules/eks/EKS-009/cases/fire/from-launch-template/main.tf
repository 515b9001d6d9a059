# The template leaves IMDSv1 on, and the instance takes its options.
resource "aws_launch_template" "nodes" { # expect: EKS-009
  name     = "nodes"
  image_id = "ami-0123456789abcdef0"
}

resource "aws_instance" "node" { # expect: EKS-009
  launch_template {
    id = aws_launch_template.nodes.id
  }
}
