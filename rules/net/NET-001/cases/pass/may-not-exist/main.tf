# A VPC whose count is known only at apply may have no instance: its
# overlap is undecided, not a finding (cloudposse's modules gate every
# resource on module.this.enabled).
variable "secondary_enabled" {
  type = bool
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16" # undecided: NET-001
}

resource "aws_vpc" "secondary" {
  count      = var.secondary_enabled ? 1 : 0
  cidr_block = "10.20.0.0/16"
}
