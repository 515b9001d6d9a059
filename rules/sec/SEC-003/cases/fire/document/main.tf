# A policy document data source with 30 statements: each broad statement is
# reported at its own statement block, through the resource that uses the
# document's json.
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "S1"
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:s3:::bucket-1/*"]
  }
  statement {
    sid       = "S2"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket-2/*"]
  }
  statement {
    sid       = "S3"
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:s3:::bucket-3/*"]
  }
  statement {
    sid       = "S4"
    actions   = ["sns:Publish"]
    resources = ["arn:aws:s3:::bucket-4/*"]
  }
  statement {
    sid       = "S5"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:s3:::bucket-5/*"]
  }
  statement {
    sid       = "S6"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:s3:::bucket-6/*"]
  }
  statement {
    sid       = "S7"
    actions   = ["ssm:GetParameter"]
    resources = ["arn:aws:s3:::bucket-7/*"]
  }
  statement {
    sid       = "S8"
    actions   = ["ecr:BatchGetImage"]
    resources = ["arn:aws:s3:::bucket-8/*"]
  }
  statement { # expect: SEC-003
    sid       = "S9"
    actions   = ["*"]
    resources = ["*"]
  }
  statement {
    sid       = "S10"
    actions   = ["logs:PutLogEvents"]
    resources = ["arn:aws:s3:::bucket-10/*"]
  }
  statement {
    sid       = "S11"
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:s3:::bucket-11/*"]
  }
  statement {
    sid       = "S12"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket-12/*"]
  }
  statement {
    sid       = "S13"
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:s3:::bucket-13/*"]
  }
  statement {
    sid       = "S14"
    actions   = ["sns:Publish"]
    resources = ["arn:aws:s3:::bucket-14/*"]
  }
  statement {
    sid       = "S15"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:s3:::bucket-15/*"]
  }
  statement {
    sid       = "S16"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:s3:::bucket-16/*"]
  }
  statement {
    sid       = "S17"
    actions   = ["ssm:GetParameter"]
    resources = ["arn:aws:s3:::bucket-17/*"]
  }
  statement {
    sid       = "S18"
    actions   = ["ecr:BatchGetImage"]
    resources = ["arn:aws:s3:::bucket-18/*"]
  }
  statement {
    sid       = "S19"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["arn:aws:s3:::bucket-19/*"]
  }
  statement {
    sid       = "S20"
    actions   = ["logs:PutLogEvents"]
    resources = ["arn:aws:s3:::bucket-20/*"]
  }
  statement {
    sid       = "S21"
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:s3:::bucket-21/*"]
  }
  statement {
    sid       = "S22"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket-22/*"]
  }
  statement {
    sid       = "S23"
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:s3:::bucket-23/*"]
  }
  statement { # expect: SEC-003
    sid       = "S24"
    actions   = ["*"]
    resources = ["*"]
  }
  statement {
    sid       = "S25"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:s3:::bucket-25/*"]
  }
  statement {
    sid       = "S26"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:s3:::bucket-26/*"]
  }
  statement {
    sid       = "S27"
    actions   = ["ssm:GetParameter"]
    resources = ["arn:aws:s3:::bucket-27/*"]
  }
  statement {
    sid       = "S28"
    actions   = ["ecr:BatchGetImage"]
    resources = ["arn:aws:s3:::bucket-28/*"]
  }
  statement {
    sid       = "S29"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["arn:aws:s3:::bucket-29/*"]
  }
  statement {
    sid       = "S30"
    actions   = ["logs:PutLogEvents"]
    resources = ["arn:aws:s3:::bucket-30/*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
