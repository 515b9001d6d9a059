resource "aws_vpc" "a" {
  count = 1e400
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "b" {
  count = -1e308
}
resource "aws_vpc" "c" {
  count = "nan"
}
