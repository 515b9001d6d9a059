# A repository with no environment (no account binding, no env folder, no
# Environment tag): judged by the policy's default regions, and the message
# says so instead of naming an environment it does not have.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "jobs" { # expect: NET-012
  name = "jobs"
}
