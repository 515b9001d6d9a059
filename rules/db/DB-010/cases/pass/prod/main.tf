provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

resource "aws_db_instance" "primary" {
  identifier     = "primary"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}

resource "aws_db_instance_automated_backups_replication" "dr" {
  provider               = aws.dr
  source_db_instance_arn = aws_db_instance.primary.arn
  retention_period       = 7
}
