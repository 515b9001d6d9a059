resource "aws_kms_key" "ebs" {
  description         = "EBS volumes"
  enable_key_rotation = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 40
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

# Made from a snapshot: encrypted as the snapshot is (undecided here).
resource "aws_ebs_volume" "restored" {
  availability_zone = "us-east-1a"
  snapshot_id       = "snap-0abcdef1234567890"
}

resource "aws_instance" "bastion" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 20
    encrypted   = true
  }
}

# Declares no block device: the AMI's are not visible in code.
resource "aws_instance" "from_ami" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50
      encrypted   = "true"
      kms_key_id  = aws_kms_key.ebs.arn
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
    encrypted = true
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }
}
