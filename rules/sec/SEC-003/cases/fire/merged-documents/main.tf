# source_policy_documents merge another document's statements into this one:
# the admin statement is in the policy attached below.
data "aws_iam_policy_document" "admin" {
  statement { # expect: SEC-003
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = [data.aws_iam_policy_document.admin.json]
  statement {
    sid       = "Extra"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
}

resource "aws_iam_policy" "p" {
  name   = "combined"
  policy = data.aws_iam_policy_document.combined.json
}

# An override replaces the statement of the same Sid: the wildcard is gone.
data "aws_iam_policy_document" "narrowed" {
  statement {
    sid       = "Wide"
    actions   = ["*"]
    resources = ["*"]
  }
  override_policy_documents = [jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Wide", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
  })]
}

resource "aws_iam_policy" "narrowed" {
  name   = "narrowed"
  policy = data.aws_iam_policy_document.narrowed.json
}
