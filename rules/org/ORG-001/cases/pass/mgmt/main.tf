# The management account holds the organization, not workloads.
resource "aws_organizations_organization" "org" {
  feature_set = "ALL"
}

resource "aws_cloudtrail" "org" {
  name                  = "org"
  s3_bucket_name        = "org-trail"
  is_organization_trail = true
}
