locals {
  a = file("/dev/zero")
  b = file("/dev/stdin")
  c = file("/proc/self/fd/0")
}
resource "aws_vpc" "a" {
  cidr_block = local.a
}
