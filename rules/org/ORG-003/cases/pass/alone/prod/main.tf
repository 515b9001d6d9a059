# Without the management account's configuration in the scan, an account with
# no trail of its own is undecided: the organization trail may cover it.
resource "aws_vpc" "main" {
  cidr_block = "10.2.0.0/16"
}
