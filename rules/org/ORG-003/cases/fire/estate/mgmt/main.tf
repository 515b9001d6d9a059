# The organization trail is single-region and unencrypted: it covers nobody.
resource "aws_cloudtrail" "org" { # expect: ORG-003
  name                       = "org"
  s3_bucket_name             = "innovate-org-trail"
  is_organization_trail      = true
  enable_log_file_validation = true
}
