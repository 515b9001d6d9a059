# Dev may keep the public endpoint; EKS-001 is for staging and prod.
resource "aws_eks_cluster" "dev" {
  name     = "dev"
  role_arn = "arn:aws:iam::333333333333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}
