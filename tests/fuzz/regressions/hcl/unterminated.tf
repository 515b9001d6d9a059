resource "a" "b" {
  x = <<EOF
never closed
  y = "${
