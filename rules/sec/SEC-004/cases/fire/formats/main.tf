# Literal secrets in the formats they are issued in, and values with a
# password's spread of characters, under secret-like names.
variable "github_token" {
  default = "ghp_16C7e42F292c6912E7710c838347Ae178B4a" # expect: SEC-004
}

variable "slack_token" {
  default = "xoxb-2637195621-4958219382-abcdefGHIJK" # expect: SEC-004
}

locals {
  aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY" # expect: SEC-004
  session_token         = "d41d8cd98f00b204e9800998ecf8427e" # expect: SEC-004
  admin_password        = "correcthorse99" # expect: SEC-004
  api_key               = "qzxwvkpfjrmbtnhgdlsyceua" # expect: SEC-004
}

resource "aws_db_instance" "legacy" {
  identifier     = "legacy"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  password       = "P@ss-w0rd" # expect: SEC-004
}
