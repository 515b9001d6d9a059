resource "aws_s3_bucket" "site" {
  bucket = "innovate-dev-site"
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = false # expect: EDGE-006
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# The settings it does not write are off.
resource "aws_s3_account_public_access_block" "account" { # expect: EDGE-006
  block_public_acls = true
}
