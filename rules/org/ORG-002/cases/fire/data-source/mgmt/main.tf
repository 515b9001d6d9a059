# The organization is read through a data source (it is managed elsewhere):
# the one finding for the organization is anchored on its first OU, with each
# environment OU that has gaps as a related location.
data "aws_organizations_organization" "org" {}

resource "aws_organizations_organizational_unit" "workloads" { # expect: ORG-002
  name      = "workloads"
  parent_id = data.aws_organizations_organization.org.roots[0].id
}

resource "aws_organizations_organizational_unit" "prod" {
  name      = "prod"
  parent_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_organizational_unit" "staging" {
  name      = "staging"
  parent_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_policy" "trail" {
  name = "protect-trail"
  type = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "trail" {
  policy_id = aws_organizations_policy.trail.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
