# Zones by ID count as well.
resource "aws_vpc" "ids" {
  cidr_block = "10.11.0.0/16"
}

resource "aws_subnet" "by_id" {
  for_each             = { a = "use1-az1", b = "use1-az2", c = "use1-az4" }
  vpc_id               = aws_vpc.ids.id
  cidr_block           = cidrsubnet("10.11.0.0/16", 4, index(["a", "b", "c"], each.key))
  availability_zone_id = each.value
}
