resource "aws_s3_bucket" "logs" {
  bucket = "innovate-logs"
}

# The usual form: a policy document naming the bucket's ARN, known after apply.
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}

# jsonencode, BoolIfExists and a principal list.
resource "aws_s3_bucket" "assets" {
  bucket = "innovate-assets"
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = ["*"] }
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.assets.arn, "${aws_s3_bucket.assets.arn}/*"]
      Condition = { BoolIfExists = { "aws:SecureTransport" = false } }
    }]
  })
}

# The policy names its bucket by name.
resource "aws_s3_bucket" "named" {
  bucket = "innovate-named"
}

resource "aws_s3_bucket_policy" "named" {
  bucket = "innovate-named"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = ["arn:aws:s3:::innovate-named", "arn:aws:s3:::innovate-named/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
