resource "aws_ebs_volume" "data" { # expect: SEC-006
  availability_zone = "us-east-1a"
  size              = 40
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "us-east-1a"
  size              = 100
  encrypted         = false # expect: SEC-006
}

resource "aws_instance" "bastion" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  root_block_device { # expect: SEC-006
    volume_size = 20
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 10
    encrypted   = true
  }
}

resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "false" # expect: SEC-006
    }
  }
  block_device_mappings {
    device_name  = "/dev/xvdb"
    virtual_name = "ephemeral0"
  }
}

resource "aws_launch_configuration" "legacy" {
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  root_block_device {
    encrypted = false # expect: SEC-006
  }
}

# Turned off for the account: it covers none of the volumes above.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = false # expect: SEC-006
}
