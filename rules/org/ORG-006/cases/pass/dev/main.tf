# ORG-006 is for staging and prod.
resource "aws_iam_access_key" "sandbox" {
  user = "sandbox"
}
