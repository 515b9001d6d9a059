resource "aws_eks_cluster" "current" {
  name     = "current"
  version  = "1.30"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

# No version: the current default.
resource "aws_eks_cluster" "default" {
  name     = "default"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
