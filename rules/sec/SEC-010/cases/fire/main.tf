resource "aws_kms_key" "shared" {
  description         = "Shared data key"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Root"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::222222222222:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      { # expect: SEC-010
        Sid       = "Everyone"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:DescribeKey"]
        Resource  = "*"
      }
    ]
  })
}

resource "aws_kms_key" "exports" {
  description         = "Exports"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "exports" {
  key_id = aws_kms_key.exports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ # expect: SEC-010
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Encrypt"
      Resource  = "*"
    }]
  })
}
