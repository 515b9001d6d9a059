resource "aws_kms_key" "trail" {
  enable_key_rotation = true
}

resource "aws_cloudtrail" "org" {
  name                       = "org"
  s3_bucket_name             = "innovate-org-trail"
  is_organization_trail      = true
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
}
