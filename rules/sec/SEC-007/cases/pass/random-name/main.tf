# A bucket name known only at apply still names the bucket its policy is attached to.
resource "random_id" "s" {
  byte_length = 4
}

resource "aws_s3_bucket" "b" {
  bucket = "logs-${random_id.s.hex}"
}

resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.bucket
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
