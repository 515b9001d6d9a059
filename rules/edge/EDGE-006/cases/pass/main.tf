resource "aws_s3_bucket" "site" {
  bucket = "innovate-dev-site"
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# No configuration: S3's default, all four on.
resource "aws_s3_bucket" "logs" {
  bucket = "innovate-dev-logs"
}

resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
