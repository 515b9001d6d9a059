# A 30-statement policy written as a JSON heredoc: each broad statement is
# reported where it is written inside the heredoc (main.tf.expect lists the
# lines), so two of them stay two findings.
resource "aws_iam_role_policy" "heredoc" {
  name   = "heredoc"
  role   = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "S1",
      "Effect": "Allow",
      "Action": "sqs:SendMessage",
      "Resource": "arn:aws:s3:::bucket-1/*"
    },
    {
      "Sid": "S2",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::bucket-2/*"
    },
    {
      "Sid": "S3",
      "Effect": "Allow",
      "Action": "dynamodb:GetItem",
      "Resource": "arn:aws:s3:::bucket-3/*"
    },
    {
      "Sid": "S4",
      "Effect": "Allow",
      "Action": "sns:Publish",
      "Resource": "arn:aws:s3:::bucket-4/*"
    },
    {
      "Sid": "S5",
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:s3:::bucket-5/*"
    },
    {
      "Sid": "S6",
      "Effect": "Allow",
      "Action": "secretsmanager:GetSecretValue",
      "Resource": "arn:aws:s3:::bucket-6/*"
    },
    {
      "Sid": "S7",
      "Effect": "Allow",
      "Action": "ssm:GetParameter",
      "Resource": "arn:aws:s3:::bucket-7/*"
    },
    {
      "Sid": "S8",
      "Effect": "Allow",
      "Action": "ecr:BatchGetImage",
      "Resource": "arn:aws:s3:::bucket-8/*"
    },
    {
      "Sid": "S9",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    },
    {
      "Sid": "S10",
      "Effect": "Allow",
      "Action": "logs:PutLogEvents",
      "Resource": "arn:aws:s3:::bucket-10/*"
    },
    {
      "Sid": "S11",
      "Effect": "Allow",
      "Action": "sqs:SendMessage",
      "Resource": "arn:aws:s3:::bucket-11/*"
    },
    {
      "Sid": "S12",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::bucket-12/*"
    },
    {
      "Sid": "S13",
      "Effect": "Allow",
      "Action": "dynamodb:GetItem",
      "Resource": "arn:aws:s3:::bucket-13/*"
    },
    {
      "Sid": "S14",
      "Effect": "Allow",
      "Action": "sns:Publish",
      "Resource": "arn:aws:s3:::bucket-14/*"
    },
    {
      "Sid": "S15",
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:s3:::bucket-15/*"
    },
    {
      "Sid": "S16",
      "Effect": "Allow",
      "Action": "secretsmanager:GetSecretValue",
      "Resource": "arn:aws:s3:::bucket-16/*"
    },
    {
      "Sid": "S17",
      "Effect": "Allow",
      "Action": "ssm:GetParameter",
      "Resource": "arn:aws:s3:::bucket-17/*"
    },
    {
      "Sid": "S18",
      "Effect": "Allow",
      "Action": "ecr:BatchGetImage",
      "Resource": "arn:aws:s3:::bucket-18/*"
    },
    {
      "Sid": "S19",
      "Effect": "Allow",
      "Action": "cloudwatch:PutMetricData",
      "Resource": "arn:aws:s3:::bucket-19/*"
    },
    {
      "Sid": "S20",
      "Effect": "Allow",
      "Action": "logs:PutLogEvents",
      "Resource": "arn:aws:s3:::bucket-20/*"
    },
    {
      "Sid": "S21",
      "Effect": "Allow",
      "Action": "sqs:SendMessage",
      "Resource": "arn:aws:s3:::bucket-21/*"
    },
    {
      "Sid": "S22",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::bucket-22/*"
    },
    {
      "Sid": "S23",
      "Effect": "Allow",
      "Action": "dynamodb:GetItem",
      "Resource": "arn:aws:s3:::bucket-23/*"
    },
    {
      "Sid": "S24",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    },
    {
      "Sid": "S25",
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:s3:::bucket-25/*"
    },
    {
      "Sid": "S26",
      "Effect": "Allow",
      "Action": "secretsmanager:GetSecretValue",
      "Resource": "arn:aws:s3:::bucket-26/*"
    },
    {
      "Sid": "S27",
      "Effect": "Allow",
      "Action": "ssm:GetParameter",
      "Resource": "arn:aws:s3:::bucket-27/*"
    },
    {
      "Sid": "S28",
      "Effect": "Allow",
      "Action": "ecr:BatchGetImage",
      "Resource": "arn:aws:s3:::bucket-28/*"
    },
    {
      "Sid": "S29",
      "Effect": "Allow",
      "Action": "cloudwatch:PutMetricData",
      "Resource": "arn:aws:s3:::bucket-29/*"
    },
    {
      "Sid": "S30",
      "Effect": "Allow",
      "Action": "logs:PutLogEvents",
      "Resource": "arn:aws:s3:::bucket-30/*"
    }
  ]
}
EOF
}
