resource "aws_iam_user" "deploy" {
  name = "deploy"
}

resource "aws_iam_access_key" "deploy" { # expect: ORG-006
  user = aws_iam_user.deploy.name
}

resource "aws_iam_user_login_profile" "deploy" { # expect: ORG-006
  user = aws_iam_user.deploy.name
}
