# The policy that would deny plain HTTP exists only when a variable says so:
# whether the bucket refuses such requests is known only at apply.
variable "enforce_tls" {
  type = bool
}

resource "aws_s3_bucket" "logs" {
  bucket = "innovate-logs"
}

resource "aws_s3_bucket_policy" "logs" { # undecided: SEC-007
  count  = var.enforce_tls ? 1 : 0
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["${aws_s3_bucket.logs.arn}/*", aws_s3_bucket.logs.arn]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
