resource "aws_kms_key" "trail" {
  description         = "CloudTrail logs"
  enable_key_rotation = true
}

# Left unset, validation is off.
resource "aws_cloudtrail" "organization" { # expect: ORG-007
  name                  = "organization"
  s3_bucket_name        = "innovate-trail-111111111111"
  is_organization_trail = true
  is_multi_region_trail = true
  kms_key_id            = aws_kms_key.trail.arn
}

# A second trail for S3 data events, turned off explicitly.
resource "aws_cloudtrail" "data_events" {
  name                       = "data-events"
  s3_bucket_name             = "innovate-trail-111111111111"
  kms_key_id                 = aws_kms_key.trail.arn
  enable_log_file_validation = false # expect: ORG-007

  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = false
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
