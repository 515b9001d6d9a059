# An empty key is one not set (modules write `default = ""`): the AWS managed
# key. (A plan says the key is known only after apply: no plan twin.)
resource "aws_db_instance" "empty_key" {
  identifier        = "empty-key"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = true
  kms_key_id        = "" # expect: DB-001
}
