# Keys that cannot rotate automatically are not judged.
resource "aws_kms_key" "hmac" {
  description              = "tokens"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}

resource "aws_kms_key" "cloudhsm" {
  description          = "key in a CloudHSM key store"
  custom_key_store_id  = "cks-1234567890abcdef0"
}
