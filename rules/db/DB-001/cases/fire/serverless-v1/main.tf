# Aurora Serverless v1 is always encrypted: with the AWS managed key unless a
# key is named, which is the finding (not "does not encrypt its storage").
resource "aws_rds_cluster" "serverless_v1" { # expect: DB-001
  cluster_identifier = "serverless-v1"
  engine             = "aurora-postgresql"
  engine_mode        = "serverless"
}
