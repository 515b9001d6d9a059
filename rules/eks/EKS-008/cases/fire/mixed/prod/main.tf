# The platform cluster in Terraform; a team's cluster in a
# CloudFormation stack (us-east-1/sandbox.yaml) in the same environment and
# region. One estate: the second cluster counts (the one judged second, in
# address order, is reported).
provider "aws" {
  region = "us-east-1"
}

resource "aws_eks_cluster" "platform" { # expect: EKS-008
  name     = "innovate-prod"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
