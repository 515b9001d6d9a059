# No delivery channel either.
provider "aws" {
  region = "us-east-1"
}

resource "aws_config_configuration_recorder" "main" { # expect: ORG-004
  name     = "main"
  role_arn = "arn:aws:iam::111111111111:role/config"
  recording_group {
    all_supported                 = false # expect: ORG-004
    include_global_resource_types = true
  }
}
