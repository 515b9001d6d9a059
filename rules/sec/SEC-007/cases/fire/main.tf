# No policy at all.
resource "aws_s3_bucket" "uploads" { # expect: SEC-007
  bucket = "innovate-uploads"
}

# A policy that allows TLS requests only: other grants still allow plain HTTP.
resource "aws_s3_bucket" "assets" {
  bucket = "innovate-assets"
}

resource "aws_s3_bucket_policy" "assets" { # expect: SEC-007
  bucket = aws_s3_bucket.assets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReadOverTls"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222222222222:role/app" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::innovate-assets/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

# A deny for one role only, and a deny of writes only.
resource "aws_s3_bucket" "reports" {
  bucket = "innovate-reports"
}

resource "aws_s3_bucket_policy" "reports" { # expect: SEC-007
  bucket = aws_s3_bucket.reports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = { AWS = "arn:aws:iam::222222222222:role/app" }
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::innovate-reports", "arn:aws:s3:::innovate-reports/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::innovate-reports/*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }
    ]
  })
}
