# Credentials written into a provider block (bridgecrewio/terragoat): the key
# ID is reported once, as the file's; the secret key and token as the provider's.
provider "aws" {
  alias      = "plain_text_access_keys_provider"
  region     = "us-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE" # expect: SEC-004
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" # expect: SEC-004
  token      = "FwoGZXIvYXdzEXAMPLEtokenZ2x8Qk9" # expect: SEC-004
}
