resource "aws_eks_cluster" "main" { # expect: OBS-003
  name     = "innovate-prod"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
