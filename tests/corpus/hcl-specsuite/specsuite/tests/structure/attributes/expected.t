result_type = object({
  a = string
  b = string
  c = string
})
result = {
  a = "a value"
  b = "b value"
  c = "c value"
}
