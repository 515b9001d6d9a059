# Other providers' resources that hold no literal: references, ciphertext
# (GitHub's encrypted_value is sealed with the repository's public key).
variable "db_password" {
  type      = string
  sensitive = true
}

resource "github_actions_secret" "deploy" {
  repository      = "innovate-api"
  secret_name     = "DB_PASSWORD"
  plaintext_value = var.db_password
}

resource "github_actions_secret" "sealed" {
  repository      = "innovate-api"
  secret_name     = "API_TOKEN"
  encrypted_value = "MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6"
}

resource "random_password" "db" {
  length           = 32
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

resource "kubernetes_secret_v1" "db" {
  metadata {
    name = "db"
  }
  data = {
    password = random_password.db.result
  }
}
