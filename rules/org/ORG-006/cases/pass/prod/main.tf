# Workloads use roles; an inactive key is no credential.
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_access_key" "old" {
  user   = "legacy"
  status = "Inactive"
}
