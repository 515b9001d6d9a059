resource "aws_eks_cluster" "private" {
  name     = "private"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-0a", "subnet-0b"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

# Public access limited to the office and CI ranges is allowed.
resource "aws_eks_cluster" "office" {
  name     = "office"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-0a", "subnet-0b"]
    endpoint_private_access = true
    public_access_cidrs     = ["203.0.113.0/24", "198.51.100.17/32"]
  }
}
