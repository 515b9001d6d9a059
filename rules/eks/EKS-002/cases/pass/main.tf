resource "aws_kms_key" "eks" {
  enable_key_rotation = true
}

resource "aws_eks_cluster" "sealed" {
  name     = "sealed"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}
