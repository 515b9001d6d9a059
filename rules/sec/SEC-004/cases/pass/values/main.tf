# Values under secret-like names that are not secrets: units, parameter paths,
# placeholders, idempotency tokens, object names, flags and numbers.
resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = "eu-west-1_example"
  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

variable "argocd_github_api_key" {
  description = "SSM parameter that holds the key"
  default     = "/argocd/github/api_key"
}

variable "db_password" {
  description = "Secrets Manager name of the password"
  default     = "admin/db_password"
}

variable "registry_token" {
  default = "{{.useCredentials}}"
}

variable "webhook_secret" {
  default = "<your-webhook-secret>"
}

variable "vault_token" {
  default = "https://vault.internal.example.com/v1/auth/token"
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared-files"
}

locals {
  oauth_client_secret = "oauth-client-secret"
  auth_token          = "disabled"
  token_ttl_secret    = "3600"
}
