# The DR cluster in Terraform, in us-west-2. The stack beside it names no
# region: its cluster is undecided, and so is this one, which may come after
# it in the same region.
provider "aws" {
  region = "us-west-2"
}

resource "aws_eks_cluster" "standby" { # undecided: EKS-008
  name     = "innovate-prod-dr"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
