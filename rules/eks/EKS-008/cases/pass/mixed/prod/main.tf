# The platform cluster in Terraform; a team's second cluster in a
# CloudFormation stack in the DR region (us-west-2/standby.yaml): one cluster
# per region, as the architecture has it.
provider "aws" {
  region = "us-east-1"
}

resource "aws_eks_cluster" "platform" {
  name     = "innovate-prod"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
