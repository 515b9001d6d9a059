# prod runs single-AZ: the finding is prod's, at this value.
multi_az = false # expect: DB-002
