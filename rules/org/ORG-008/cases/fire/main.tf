resource "aws_cloudtrail" "organization" { # expect: ORG-008
  name                       = "organization"
  s3_bucket_name             = "innovate-trail-111111111111"
  is_organization_trail      = true
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
