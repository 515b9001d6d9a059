# A document aggregated from another by source_policy_documents holds no TLS deny: judged, not undecided.
resource "aws_s3_bucket" "b" {
  bucket = "demo-bucket-t5"
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "DenyIncorrectEncryptionHeader"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "s3:x-amz-server-side-encryption"
      values   = ["AES256"]
    }
  }
}

data "aws_iam_policy_document" "aggregated" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
}

resource "aws_s3_bucket_policy" "p" { # expect: SEC-007
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.aggregated.json
}
