data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::innovate-assets/*"]
  }
  # Denying everything is no grant.
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "read" {
  name   = "read-assets"
  policy = data.aws_iam_policy_document.read.json
}

# Every action on one resource is not administrator access.
resource "aws_iam_role_policy" "bucket" {
  name = "bucket"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::innovate-assets" }]
  })
}
