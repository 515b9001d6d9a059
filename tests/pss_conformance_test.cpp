// The upstream pod-security-admission test data as a conformance suite
// (tests/external/k8s-pod-security-admission, SOURCE.md there): every
// pod of every level and version, judged by guardrail's PSS rules at exactly
// that level and version, must agree with upstream.
#include <catch2/catch.hpp>

#include <iostream>
#include <cstdlib>
#include <map>
#include <set>

#include "evaluate/builtins.hpp"
#include "policy/pack.hpp"
#include "scan/discover.hpp"
#include "scan/scanner.hpp"
#include "support.hpp"

using namespace guardrail;
namespace fs = std::filesystem;

namespace {

struct Control {
  const char* id;                  // guardrail's rule
  const char* superseded_by;       // the restricted rule that reports it instead, at restricted
  const char* superseded_from;     // ...from this version
};

/// Upstream check IDs (lower-cased, as in the file names) to the catalog's IDs.
const std::map<std::string, Control>& controls() {
  static const std::map<std::string, Control> kControls = {
      {"windowshostprocess", {"PSS-001", nullptr, nullptr}},
      {"hostnamespaces", {"PSS-002", nullptr, nullptr}},
      {"privileged", {"PSS-003", nullptr, nullptr}},
      {"capabilities_baseline", {"PSS-004", "PSS-017", "1.22"}},
      {"hostpathvolumes", {"PSS-005", "PSS-012", "1.0"}},
      {"hostports", {"PSS-006", nullptr, nullptr}},
      {"apparmorprofile", {"PSS-007", nullptr, nullptr}},
      {"selinuxoptions", {"PSS-008", nullptr, nullptr}},
      {"procmount", {"PSS-009", "PSS-019", "1.35"}},
      {"seccompprofile_baseline", {"PSS-010", "PSS-016", "1.19"}},
      {"sysctls", {"PSS-011", nullptr, nullptr}},
      {"restrictedvolumes", {"PSS-012", nullptr, nullptr}},
      {"allowprivilegeescalation", {"PSS-013", nullptr, nullptr}},
      {"runasnonroot", {"PSS-014", nullptr, nullptr}},
      {"runasuser", {"PSS-015", nullptr, nullptr}},
      {"seccompprofile_restricted", {"PSS-016", nullptr, nullptr}},
      {"capabilities_restricted", {"PSS-017", nullptr, nullptr}},
      {"hostprobesandhostlifecycle", {"PSS-018", nullptr, nullptr}},
      {"procmount_restricted", {"PSS-019", nullptr, nullptr}},
  };
  return kControls;
}

std::string check_of(const std::string& stem) {
  size_t end = stem.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(stem[end - 1]))) --end;
  return stem.substr(0, end);
}

}  // namespace

TEST_CASE("pss: the upstream pod-security-admission test data, every level and version", "[pss][conformance]") {
  if (!test::have_external("k8s-pod-security-admission")) return;
  fs::path data = test::external_dir() / "k8s-pod-security-admission/test/testdata";
  fs::path root = data;
  struct Tally {
    size_t cases = 0, agree = 0;
  };
  std::map<std::string, Tally> by_level;
  std::vector<std::string> disagreements;
  for (const char* level : {"baseline", "restricted"}) {
    std::vector<fs::path> versions;
    for (const auto& e : fs::directory_iterator(data / level)) versions.push_back(e.path());
    std::sort(versions.begin(), versions.end(), [](const fs::path& a, const fs::path& b) {
      return evaluate::compare_versions(a.filename().string(), b.filename().string()) < 0;
    });
    for (const fs::path& dir : versions) {
      std::string version = dir.filename().string();  // v1.N
      std::string bare = version.substr(1);
      auto pack = std::make_shared<policy::Pack>();
      policy::add_builtin(*pack);
      policy::add_file(*pack, "conformance.grl",
                       "policy conformance {\n  enforce PSS-* in all\n  set PSS-*.level = \"" + std::string(level) +
                           "\"\n  set PSS-*.version = \"" + version + "\"\n}\n",
                       true);
      policy::check(*pack);
      REQUIRE_FALSE(base::has_errors(pack->diagnostics));
      scan::ScanOptions options;
      options.paths = {(dir / "pass").string(), (dir / "fail").string()};
      options.root = root;
      options.jobs = 1;
      for (const auto& [_, c] : controls()) options.only_rules.push_back(c.id);
      scan::ScanResult result = scan::run_scan(options, pack);
      REQUIRE(result.error_count() == 0);
      std::map<std::string, std::set<std::string>> fired;  // file -> rules
      for (const evaluate::Finding& f : result.findings) fired[std::string(f.where.file)].insert(f.rule_id);
      if (std::getenv("PSS_DEBUG")) {
        std::cout << dir << ": " << result.findings.size() << " findings, " << result.resources.size() << " resources\n";
        for (const auto& [file, rules] : fired) std::cout << "  " << file << "\n";
      }
      for (const char* outcome : {"pass", "fail"}) {
        for (const auto& e : fs::directory_iterator(dir / outcome)) {
          std::string file = scan::display_path(e.path(), root);
          std::string stem = e.path().stem().string();
          const std::set<std::string>& got = fired[file];
          bool ok;
          std::string want;
          if (std::string(outcome) == "pass") {
            ok = got.empty();
            want = "no finding";
          } else {
            std::string check = check_of(stem);
            auto it = controls().find(check);
            REQUIRE(it != controls().end());
            const Control& c = it->second;
            std::string expected = c.id;
            if (std::string(level) == "restricted" && c.superseded_by &&
                evaluate::compare_versions(bare, c.superseded_from) >= 0)
              expected = c.superseded_by;
            ok = got.count(expected) > 0;
            want = expected;
          }
          Tally& t = by_level[level];
          ++t.cases;
          t.agree += ok;
          if (!ok) {
            std::string have;
            for (const std::string& r : got) have += (have.empty() ? "" : ",") + r;
            disagreements.push_back(file + ": expected " + want + ", got " + (have.empty() ? "none" : have));
          }
        }
      }
    }
  }
  for (const auto& [level, t] : by_level) {
    std::cout << "pss conformance, " << level << ": " << t.agree << "/" << t.cases << " cases agree ("
              << (t.cases ? 100.0 * static_cast<double>(t.agree) / static_cast<double>(t.cases) : 0) << "%)\n";
  }
  for (size_t i = 0; i < disagreements.size() && i < 60; ++i) std::cout << "  " << disagreements[i] << "\n";
  if (disagreements.size() > 60) std::cout << "  ...and " << disagreements.size() - 60 << " more\n";
  CHECK(disagreements.empty());
}
