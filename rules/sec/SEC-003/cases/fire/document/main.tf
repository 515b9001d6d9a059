# A policy document data source: the broad statement is reported at its
# statement block, through the resource that uses the document's json.
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:us-east-1:222222222222:orders"]
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::assets/*"]
  }
  statement { # expect: SEC-003
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
