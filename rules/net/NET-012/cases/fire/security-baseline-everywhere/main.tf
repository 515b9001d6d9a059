# GuardDuty, AWS Config and the account's defaults belong in every region, used
# or not (ORG-004 and ORG-005 ask for them there): not outside the region lock.
provider "aws" {
  alias  = "ireland"
  region = "eu-west-1"
}

resource "aws_guardduty_detector" "ireland" {
  provider = aws.ireland
  enable   = true
}

resource "aws_config_configuration_recorder" "ireland" {
  provider = aws.ireland
  name     = "default"
  role_arn = "arn:aws:iam::111111111111:role/config"
}

resource "aws_ebs_encryption_by_default" "ireland" {
  provider = aws.ireland
  enabled  = true
}

resource "aws_sqs_queue" "stray" { # expect: NET-012
  provider = aws.ireland
  name     = "stray"
}
