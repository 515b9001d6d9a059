resource "aws_s3_bucket" "logs" {
  bucket = "innovate-logs"
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Says nothing: new buckets have ACLs disabled.
resource "aws_s3_bucket" "assets" {
  bucket = "innovate-assets"
}
