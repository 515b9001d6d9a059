resource "aws_eks_cluster" "old" {
  name     = "old"
  version  = "1.27" # expect: EKS-007
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
