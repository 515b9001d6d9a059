# EKS defaults: public endpoint from anywhere, no private access.
resource "aws_eks_cluster" "defaults" {
  name     = "defaults"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config { # expect: EKS-001
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_eks_cluster" "wide" {
  name     = "wide"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-0a", "subnet-0b"]
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = ["0.0.0.0/1", "128.0.0.0/1"] # expect: EKS-001
  }
}
