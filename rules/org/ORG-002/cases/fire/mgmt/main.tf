resource "aws_organizations_organization" "org" { # expect: ORG-002
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.org.roots[0].id
}

resource "aws_organizations_organizational_unit" "prod" {
  name      = "prod"
  parent_id = aws_organizations_organizational_unit.workloads.id
}

# It denies CloudTrail only; and a second SCP that is attached nowhere counts for nothing.
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
  target_id = aws_organizations_organizational_unit.prod.id
}

resource "aws_organizations_policy" "unattached" {
  name = "everything"
  type = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }]
  })
}
