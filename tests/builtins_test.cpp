#include <catch2/catch.hpp>

#include "evaluate/builtins.hpp"
#include "evaluate/cidr.hpp"

using namespace guardrail::evaluate;

TEST_CASE("builtins: every function the checker knows has an implementation") {
  std::string missing;
  CHECK(all_builtins_implemented(&missing));
  CHECK(missing.empty());
}

TEST_CASE("cidr: parsing accepts the forms AWS prints and rejects the rest") {
  CHECK(parse_cidr("10.0.0.0/16")->prefix == 16);
  CHECK(parse_cidr("0.0.0.0/0")->end == 0xffffffffu);
  CHECK(parse_cidr("::/0")->v6);
  CHECK(parse_cidr("2600:1f18:abcd::/56")->prefix == 56);
  CHECK(parse_cidr("::ffff:10.0.0.1")->prefix == 128);
  for (const char* bad : {"", "10.0.0/16", "10.0.0.256/8", "10.0.0.0/", "10.0.0.0/x", "1::2::3", ":::", "1:2:3:4:5:6:7:8:9",
                          "10.0.0.0/16/2", "fe80::/129", "01234::/16"}) {
    INFO(bad);
    CHECK_FALSE(parse_cidr(bad).has_value());
  }
}

TEST_CASE("cidr: overlap over 100,000 networks is found by sorting, not by pairs") {
  std::vector<Cidr> nets;
  for (uint32_t i = 0; i < 100000; ++i) {
    uint32_t a = (10u << 24) | (i << 8);  // 10.x.y.0/24, all disjoint
    char buf[32];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.0/24", a >> 24, (a >> 16) & 255, (a >> 8) & 255);
    nets.push_back(*parse_cidr(buf));
  }
  nets.push_back(*parse_cidr("10.0.0.0/16"));  // contains the first 256
  auto pairs = overlapping_pairs(nets);
  CHECK(pairs.size() == 256);
}

TEST_CASE("cidr: copies of one block pair with its first copy, not with each other") {
  std::vector<Cidr> nets;
  for (int i = 0; i < 10000; ++i) nets.push_back(*parse_cidr("10.0.0.0/16"));
  nets.push_back(*parse_cidr("10.0.1.0/24"));  // inside every copy
  nets.push_back(*parse_cidr("192.168.0.0/16"));
  auto pairs = overlapping_pairs(nets);
  // 9,999 copies with the first, and the /24 with the first: not 50 million.
  REQUIRE(pairs.size() == 10000);
  for (auto [i, j] : pairs) CHECK(i == 0);
  // Two copies still pair.
  auto two = overlapping_pairs({*parse_cidr("10.1.0.0/16"), *parse_cidr("10.1.0.0/16")});
  CHECK(two.size() == 1);
}

TEST_CASE("secrets: a value is judged by what it looks like, not only by its name") {

  // Issued formats and private keys, whatever else.
  for (const char* secret : {"AKIAIOSFODNN7EXAMPLE", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                             "xoxb-2637195621-4958219382-abcdefGHIJK",
                             "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n",
                             "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", "d41d8cd98f00b204e9800998ecf8427e",
                             "Sup3rS3cret!", "hunter2", "s3cr3t-v4lue", "qzxwvkpfjrmbtnhgdlsyceua",
                             "postgres://app:pw@db:5432/app"}) {
    INFO(secret);
    CHECK(looks_like_secret_value(secret));
  }
  // Units, flags, numbers, references, placeholders, paths, URLs, object names, short values.
  for (const char* plain : {"minutes", "days", "disabled", "true", "3600", "", "  ", "/argocd/github/api_key",
                            "admin/db_password", "./secrets/key.pem", "{{.useCredentials}}", "${var.password}",
                            "$(TOKEN)", "$DB_PASSWORD", "__API_TOKEN__", "<your-token>", "((vault-token))",
                            "-----BEGIN PRIVATE KEY-----\n<private-key>\n-----END PRIVATE KEY-----",
                            "$context.authorizer.token", "$input.params('x-api-key')",
                            "xoxb-ENTER YOUR BOT'S ACCESS TOKEN HERE",
                            "{{resolve:secretsmanager:prod/db:SecretString:password}}",
                            "arn:aws:secretsmanager:us-east-1:222222222222:secret:prod/db",
                            "https://vault.example.com/v1/auth/token", "keycloak-tls", "ca-cert-2",
                            "grafana-admin-credentials", "shared_files", "abc12"}) {
    INFO(plain);
    CHECK_FALSE(looks_like_secret_value(plain));
  }
}
