# Thirty statements written with jsonencode: each broad one is reported at
# its own statement, not at the policy = line.
resource "aws_iam_policy" "many" {
  name = "many"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "S0", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-0/*"] },
      { Sid = "S1", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-1/*"] },
      { Sid = "S2", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-2/*"] },
      { Sid = "S3", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-3/*"] },
      { Sid = "S4", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-4/*"] },
      { Sid = "S5", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-5/*"] },
      { Sid = "S6", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-6/*"] },
      { Sid = "S7", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-7/*"] },
      { Sid = "S8", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-8/*"] },
      { Sid = "S9", Effect = "Allow", Action = "*", Resource = "*" }, # expect: SEC-003
      { Sid = "S10", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-10/*"] },
      { Sid = "S11", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-11/*"] },
      { Sid = "S12", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-12/*"] },
      { Sid = "S13", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-13/*"] },
      { Sid = "S14", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-14/*"] },
      { Sid = "S15", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-15/*"] },
      { Sid = "S16", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-16/*"] },
      { Sid = "S17", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-17/*"] },
      { Sid = "S18", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-18/*"] },
      { Sid = "S19", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-19/*"] },
      { Sid = "S20", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-20/*"] },
      { Sid = "S21", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-21/*"] },
      { Sid = "S22", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-22/*"] },
      { Sid = "S23", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-23/*"] },
      { Sid = "S24", Effect = "Allow", Action = "*", Resource = "*" }, # expect: SEC-003
      { Sid = "S25", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-25/*"] },
      { Sid = "S26", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-26/*"] },
      { Sid = "S27", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-27/*"] },
      { Sid = "S28", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-28/*"] },
      { Sid = "S29", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::bucket-29/*"] },
    ]
  })
}
