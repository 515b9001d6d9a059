resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] # expect: SEC-003
  })
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = "{}"
  inline_policy {
    name = "everything"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["*:*"], Resource = ["*"] }] # expect: SEC-003
    })
  }
}
