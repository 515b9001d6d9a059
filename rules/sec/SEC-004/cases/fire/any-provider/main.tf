# Every provider's resources are code in the repository: a literal secret in
# one is as plain as in an aws_db_instance.
resource "kubernetes_secret_v1" "db" {
  metadata {
    name      = "db"
    namespace = "api"
  }
  data = {
    password = "Xk9-zQ!v7Lp2#rT4" # expect: SEC-004
  }
}

resource "postgresql_role" "app" {
  name     = "app"
  login    = true
  password = "s3cr3t-Pr0d-2024" # expect: SEC-004
}
