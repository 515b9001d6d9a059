# The management account's Organizations account resource may carry the
# environment of the account it creates.
resource "aws_organizations_account" "prod" {
  name  = "innovate-prod"
  email = "aws-prod@innovate.example"
  tags  = { Environment = "prod", Owner = "platform", CostCenter = "cc-000", Project = "innovate" }
}
