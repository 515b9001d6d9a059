resource "aws_cloudfront_distribution" "spa" {
  enabled    = true
  web_acl_id = "arn:aws:wafv2:us-east-1:222222222222:global/webacl/edge/1"
  origin {
    domain_name = "api.innovate.example"
    origin_id   = "api"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id       = "api"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    # The default certificate allows TLSv1 whatever the minimum says.
    cloudfront_default_certificate = true # expect: EDGE-003
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
