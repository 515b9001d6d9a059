# Amazon Linux 2023's public images carry ImdsSupport v2.0: an instance
# launched from one requires IMDSv2 without metadata_options.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_instance" "bastion" {
  ami           = data.aws_ssm_parameter.al2023.value
  instance_type = "t3.nano"
  subnet_id     = "subnet-1"
}
