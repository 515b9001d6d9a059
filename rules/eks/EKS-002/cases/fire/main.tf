resource "aws_eks_cluster" "plain" { # expect: EKS-002
  name     = "plain"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
