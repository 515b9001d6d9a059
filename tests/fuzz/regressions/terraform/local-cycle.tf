locals {
  a = local.b
  b = local.a
  c = [for x in range(1024) : [for y in range(1024) : x * y]]
}
