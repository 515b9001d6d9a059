# Encryption by default is on for the account and region: every new volume is
# encrypted, whatever it says itself.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_default_kms_key" "this" {
  key_arn = "arn:aws:kms:us-east-1:111111111111:key/0f4c2e4a-8d2b-4e8e-9c1a-2b7f5c3d9e10"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 40
}

resource "aws_instance" "bastion" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 20
    encrypted   = false
  }
}
