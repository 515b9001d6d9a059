resource "aws_budgets_budget" "silent" { # expect: COST-002
  name         = "staging-monthly"
  budget_type  = "COST"
  limit_amount = "1000"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"
}
