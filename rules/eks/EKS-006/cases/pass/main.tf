resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_eks_addon" "core" {
  for_each     = toset(["coredns", "kube-proxy", "vpc-cni", "aws-ebs-csi-driver"])
  cluster_name = aws_eks_cluster.main.name
  addon_name   = each.key
}
