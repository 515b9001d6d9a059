resource "aws_s3_bucket" "cdn_logs" {
  bucket = "innovate-cdn-logs"
}

# CloudFront's standard logs write with ACLs.
resource "aws_s3_bucket_ownership_controls" "cdn_logs" {
  bucket = aws_s3_bucket.cdn_logs.id
  rule {
    object_ownership = "BucketOwnerPreferred" # expect: SEC-009
  }
}

resource "aws_s3_bucket" "uploads" {
  bucket = "innovate-uploads"
}

resource "aws_s3_bucket_ownership_controls" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  rule {
    object_ownership = "ObjectWriter" # expect: SEC-009
  }
}
