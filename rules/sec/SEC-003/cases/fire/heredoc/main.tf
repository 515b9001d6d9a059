# A policy written as a JSON heredoc: the broad statement is reported where it
# is written inside the heredoc (line 15; main.tf.expect says so).
resource "aws_iam_role_policy" "heredoc" {
  name = "heredoc"
  role = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["logs:PutLogEvents"],
      "Resource": ["*"]
    },
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
EOF
}
