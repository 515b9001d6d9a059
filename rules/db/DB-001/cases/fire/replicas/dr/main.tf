# The DR replica in us-west-2 names its source by ARN and no key of its own
# region: cross-region replicas of encrypted sources need one.
provider "aws" {
  region              = "us-west-2"
  allowed_account_ids = ["222222222222"]
}

resource "aws_db_instance" "dr" { # expect: DB-001
  identifier          = "innovate-dr"
  replicate_source_db = "arn:aws:rds:us-east-1:222222222222:db:innovate-prod" # expect: DB-001
  instance_class      = "db.r6g.large"
}
