// Time to parse and check the whole shipped rule pack (rules/ and policies/,
// as embedded in the binary), averaged over many runs, and the size of each
// rule in lines. Run: build/bench/pack_check [RUNS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "policy/builtin_pack.hpp"
#include "policy/pack.hpp"
#include "policy/projection.hpp"

int main(int argc, char** argv) {
  using namespace guardrail;
  int runs = argc > 1 ? std::atoi(argv[1]) : 200;
  size_t rules = 0, bytes = 0;
  for (const auto& f : policy::builtin_pack()) bytes += f.content.size();
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < runs; ++i) {
    policy::Pack pack;
    policy::add_builtin(pack);
    policy::check(pack);
    rules = pack.rules.size();
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / runs;
  std::printf("pack: %zu rules, %zu bytes embedded; parse and check: %.3f ms (mean of %d runs)\n", rules, bytes, ms,
              runs);
  policy::Pack pack;
  policy::add_builtin(pack);
  for (const auto& r : pack.rules) {
    const base::SourceFile* src = pack.source(r->file);
    size_t total = src ? src->line_count() : 0, logic = 0;
    // Lines of the check itself: clauses, not metadata or comments.
    for (uint32_t n = 1; src && n <= src->line_count(); ++n) {
      std::string_view line = src->line(n);
      size_t i = line.find_first_not_of(' ');
      if (i == std::string_view::npos) continue;
      line = line.substr(i);
      for (const char* kw : {"for ", "let ", "where ", "assert ", "message ", "param "})
        if (line.rfind(kw, 0) == 0) ++logic;
    }
    std::printf("  %-9s %3zu lines, %2zu clauses and parameters\n", r->id.c_str(), total, logic);
  }
  // What a large export keeps of each resource (policy/projection).
  policy::check(pack);
  policy::Projection p = policy::projection(pack);
  std::printf("projection: everything=%d all_types=%d, %zu types, %zu attributes read somewhere, %zu read of any type\n",
              p.everything, p.all_types, p.types.size(), p.attributes.size(), p.common.size());
  std::string common;
  for (const std::string& a : p.common) common += " " + a;
  std::printf("  read of any type:%s\n", common.c_str());
  return 0;
}
