// Bounds on what an input may cost, and fault isolation (docs/reliability.md):
// files that are not regular files, symlink loops, size limits, alias bombs,
// long lines, type confusion in exports; every one a located error, the
// other files scanned.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "base/diagnostic.hpp"
#include "base/read_file.hpp"
#include "base/source_file.hpp"
#include "report/mask.hpp"
#include "load/limits.hpp"
#include "load/yaml_loader.hpp"
#include "scan/discover.hpp"
#include "scan/scanner.hpp"
#include "support.hpp"

using namespace guardrail;
using guardrail::test::run_guardrail;
using guardrail::test::source;
using guardrail::test::temp_dir;
using guardrail::test::write_file;
namespace fs = std::filesystem;

namespace {

/// Restores the default limits when a test that changed them ends.
struct LimitsGuard {
  load::Limits saved = load::limits();
  ~LimitsGuard() { load::set_limits(saved); }
};

const char* kPod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec: {containers: []}\n";

}  // namespace

TEST_CASE("read: a FIFO, a device and a symlink loop are refused at once, saying what they are") {
  auto root = temp_dir("special");
  REQUIRE(::mkfifo((root / "fifo.yaml").c_str(), 0600) == 0);
  fs::create_symlink("loop-b.yaml", root / "loop-a.yaml");
  fs::create_symlink("loop-a.yaml", root / "loop-b.yaml");
  fs::create_symlink("/dev/zero", root / "zero.yaml");
  // No writer opens the FIFO: reading it must not wait for one.
  base::FileRead fifo = base::read_regular_file((root / "fifo.yaml").string(), 1 << 20);
  CHECK(fifo.error == "is a named pipe (FIFO), not a regular file");
  CHECK(base::read_regular_file((root / "zero.yaml").string(), 1 << 20).error ==
        "is a character device, not a regular file");
  CHECK(base::read_regular_file((root / "loop-a.yaml").string(), 1 << 20).error ==
        "cannot open: a symlink loop (too many levels of symbolic links)");

  auto d = scan::discover({(root / "fifo.yaml").string(), (root / "zero.yaml").string(),
                           (root / "loop-a.yaml").string()},
                          root);
  REQUIRE(d.diagnostics.size() == 3);
  CHECK(d.diagnostics[0].message ==
        "is a named pipe (FIFO), not a regular file; only files and folders are scanned (pipe its content to "
        "'guardrail scan -' instead)");
  CHECK(d.diagnostics[1].message == "is a character device, not a regular file; only files and folders are scanned");
  CHECK(d.diagnostics[2].message == "a symlink loop (too many levels of symbolic links)");
  // Walking the folder skips all three: none is a regular file.
  CHECK(scan::discover({root.string()}, root).files.empty());
}

TEST_CASE("read: an unreadable file says why") {
  if (::geteuid() == 0) {
    WARN("skipped: root reads any file, so permissions cannot be tested here");
    return;
  }
  auto root = temp_dir("unreadable");
  write_file(root / "secret.yaml", kPod);
  fs::permissions(root / "secret.yaml", fs::perms::none);
  CHECK(base::read_regular_file((root / "secret.yaml").string(), 1 << 20).error == "cannot open: Permission denied");
}

TEST_CASE("read: files over the size limits are errors naming the setting, the others are scanned") {
  LimitsGuard guard;
  auto root = temp_dir("sizes");
  write_file(root / "big.yaml", std::string(4096, '#') + "\n" + kPod);
  write_file(root / "small.yaml", kPod);
  load::Limits l = load::limits();
  l.max_file_bytes = 2048;
  load::set_limits(l);
  scan::ScanOptions options;
  options.paths = {root.string()};
  options.root = root;
  options.jobs = 1;
  scan::ScanResult result = scan::run_scan(options);
  REQUIRE(result.error_count() == 1);
  CHECK(result.diagnostics[0].where.file == "big.yaml");
  CHECK(result.diagnostics[0].message ==
        "is 4.1 KiB, larger than the limit of 2 KiB (raise it with --limit max-file-size=SIZE)");
  CHECK(result.resources.size() == 1);  // small.yaml's pod

  l.max_file_bytes = 1 << 20;
  l.max_document_bytes = 2048;
  load::set_limits(l);
  result = scan::run_scan(options);
  REQUIRE(result.error_count() == 1);
  CHECK(result.diagnostics[0].message ==
        "is 4.1 KiB, larger than the limit of 2 KiB for a document read whole; only AWS exports stream (raise it "
        "with --limit max-document-size=SIZE)");
}

TEST_CASE("yaml: alias expansion is bounded relative to the file's size") {
  // Five levels of ten aliases: 111,110 nodes from a file of about 300 bytes.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'e'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + prev;
    bomb += "]\n";
    prev = c;
  }
  load::scan_alias_nodes() = 0;
  auto docs = load::load_yaml(source(bomb));
  REQUIRE(docs.diagnostics.size() == 1);
  CHECK(docs.diagnostics[0].message.find("alias expansion would create more than") == 0);
  CHECK(docs.diagnostics[0].where.line == 5);

  // The same aliases in a file that is large anyway are what anchors are for.
  std::string large = bomb + "# " + std::string(60000, 'p') + "\n";
  load::scan_alias_nodes() = 0;
  CHECK(load::load_yaml(source(large)).diagnostics.empty());
}

TEST_CASE("yaml: alias expansion is bounded per scan") {
  LimitsGuard guard;
  load::Limits l = load::limits();
  l.alias_nodes_per_scan = 100;
  load::set_limits(l);
  load::scan_alias_nodes() = 0;
  std::string doc = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a, *a, *a]\n";  // 50 nodes
  CHECK(load::load_yaml(source(doc)).diagnostics.empty());
  CHECK(load::load_yaml(source(doc)).diagnostics.empty());
  auto third = load::load_yaml(source(doc));
  REQUIRE(third.diagnostics.size() == 1);
  CHECK(third.diagnostics[0].message ==
        "alias expansion in this scan's YAML files would create more than 100 nodes in all (raise it with --limit "
        "alias-nodes-per-scan=N)");
}

TEST_CASE("snippet: a long line is shown as a window around the caret") {
  std::string line = std::string(5000, 'a') + "\"VpcId\": 1.5" + std::string(5000, 'b');
  uint32_t column = static_cast<uint32_t>(line.find("1.5")) + 1;
  std::string shown = base::caret_snippet(line, column, column + 3);
  auto nl = shown.find('\n');
  std::string text = shown.substr(0, nl), caret = shown.substr(nl + 1);
  CHECK(base::count_code_points(text) <= base::kMaxSnippetColumns + 2);
  CHECK(text.find("\"VpcId\": 1.5") != std::string::npos);
  CHECK(text.rfind("\u2026", 0) == 0);  // cut on the left...
  CHECK(text.size() - text.rfind("\u2026") == 3);  // ...and on the right
  // The caret stands under the value, as on the whole line.
  size_t at = caret.find('^');
  CHECK(base::count_code_points(text.substr(0, text.find("1.5"))) == at);
  CHECK(caret == std::string(at, ' ') + "^~~\n");
  // Short lines are unchanged.
  CHECK(base::caret_snippet("a: 1", 4, 5) == "a: 1\n   ^\n");
}

TEST_CASE("scan: a one-line export with findings prints in proportion to its findings, not its line") {
  auto root = temp_dir("longline");
  std::string vpcs = "{\"Vpcs\":[";
  // Pairs of VPCs share a block: 10,000 overlaps on one line of about a megabyte.
  for (int i = 0; i < 20000; ++i)
    vpcs += std::string(i ? "," : "") + "{\"VpcId\":\"vpc-" + std::to_string(i) + "\",\"CidrBlock\":\"10." +
            std::to_string(i / 2 / 256) + "." + std::to_string(i / 2 % 256) + ".0/24\"}";
  vpcs += "]}";
  write_file(root / "accounts/111111111111/us-east-1/vpcs.json", vpcs);
  std::string out;
  run_guardrail("scan --no-color --rule NET-001 --fail-on never .", out, root);
  CHECK(out.find("NET-001") != std::string::npos);
  CHECK(out.size() < 10000u * 800u);  // each of the 10,000 findings: a message and a 160-column window
  std::string sarif;
  run_guardrail("scan --format sarif --rule NET-001 --fail-on never .", sarif, root);
  CHECK(sarif.size() < 10000u * 2500u);
}

TEST_CASE("scan: an export identifier of the wrong kind is a located error, the other files are scanned") {
  auto root = temp_dir("typed");
  write_file(root / "accounts/111111111111/us-east-1/vpcs.json",
             "{\"Vpcs\": [{\"VpcId\": 1.5, \"CidrBlock\": \"10.0.0.0/16\"},\n"
             "          {\"VpcId\": \"vpc-2\", \"CidrBlock\": \"10.1.0.0/16\"}]}\n");
  write_file(root / "accounts/111111111111/us-east-1/config.json",
             "{\"configurationItems\": [{\"resourceType\": 1e308, \"resourceId\": \"x\"},\n"
             "  {\"resourceType\": \"AWS::EC2::VPC\", \"resourceId\": 18446744073709551616}]}\n");
  write_file(root / "k8s/pod.yaml", kPod);
  std::string out;
  int status = run_guardrail("scan --no-color --format json .", out, root);
  CHECK(status == 2);
  CHECK(out.find("\"code\": \"export-shape\"") != std::string::npos);
  CHECK(out.find("Pod/default/p") != std::string::npos);  // the pod's findings are all there
  CHECK(out.find("vpc-2") != std::string::npos);          // and the well-formed VPC
  std::string text;
  run_guardrail("scan --no-color .", text, root);
  CHECK(text.find("accounts/111111111111/us-east-1/vpcs.json:1:21: error[export-shape]: expected a string here "
                  "(an identifier, name or type), found a number") != std::string::npos);
  CHECK(text.find("config.json:1:42: error[export-shape]") != std::string::npos);
  CHECK(text.find("config.json:2:51: error[export-shape]") != std::string::npos);
}

TEST_CASE("scan: a pipe named on the command line is read as standard input is") {
  auto root = temp_dir("pipe");
  write_file(root / "pod.yaml", kPod);
  // popen runs sh, which has no process substitution: bash makes the pipe.
  std::string cmd = "cd '" + root.string() + "' && bash -c \"'" + std::string(GUARDRAIL_BINARY) +
                    "' scan --no-color --rule K8S-006 <(cat pod.yaml)\" 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = ::pclose(pipe);
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(out.find("/dev/fd/") == 0);
  CHECK(out.find("medium[K8S-006]: Pod/default/p runs in the default namespace") != std::string::npos);
}

TEST_CASE("scan: a place that very many findings share names the first twenty and counts the rest") {
  auto root = temp_dir("merged");
  std::string vpcs = "{\"Vpcs\": [\n";
  for (int i = 0; i < 100; ++i)
    vpcs += std::string(i ? ",\n" : "") + "  {\"VpcId\": \"vpc-" + std::to_string(1000 + i) + "\", \"CidrBlock\": \"10.0.0.0/16\"}";
  vpcs += "\n]}\n";
  write_file(root / "accounts/111111111111/us-east-1/vpcs.json", vpcs);
  std::string out;
  run_guardrail("scan --no-color --rule NET-001 --fail-on never .", out, root);
  // 99 copies of the first VPC's block: one finding at it naming 21 (the first pair and 20 merged), not 4,950 pairs.
  CHECK(out.find("high[NET-001]") == out.rfind("high[NET-001]"));
  CHECK(out.find("; and 78 more like these") != std::string::npos);
  std::string sarif;
  run_guardrail("scan --format sarif --rule NET-001 --fail-on never .", sarif, root);
  // The partners it names are its related locations: the first pair's and twenty merged.
  size_t related = 0;
  for (size_t at = sarif.find("elated location"); at != std::string::npos; at = sarif.find("elated location", at + 1))
    ++related;
  CHECK(related == 21);
}

TEST_CASE("source file: columns and offsets agree on long lines with multi-byte characters") {
  // Long lines cross many checkpoints; "é" and "😀" straddle some of them.
  std::string text = "short\n";
  for (int i = 0; i < 5000; ++i) text += i % 7 == 0 ? "é" : i % 11 == 0 ? "😀" : "a";
  text += "\nlast line\r\nend";
  base::SourceFile src("long.txt", text);
  REQUIRE(src.line_count() == 4);
  std::string_view line2 = src.line(2);
  size_t start = src.offset(2, 1);
  CHECK(start == 6);
  // Walk every code point of line 2: offset and line_column are inverse.
  uint32_t column = 1;
  for (size_t i = 0; i < line2.size(); ++column) {
    CHECK(src.offset(2, column) == start + i);
    auto [l, c] = src.line_column(start + i);
    CHECK(l == 2);
    CHECK(c == column);
    ++i;
    while (i < line2.size() && (static_cast<unsigned char>(line2[i]) & 0xC0) == 0x80) ++i;
  }
  CHECK(src.offset(2, column + 10) == start + line2.size());  // past the end: the end
  CHECK(src.line_column(src.offset(3, 6)) == std::pair<uint32_t, uint32_t>{3, 6});
  CHECK(src.line(3) == "last line");
  CHECK(src.line(4) == "end");
}

TEST_CASE("source file: the end of a text whose size is a multiple of the checkpoint stride has its column") {
  // An error at EOF (a JSON export cut at 64 KiB) is located at the text's
  // size; that offset starts a new stride and once read past the checkpoints.
  const size_t stride = 1024;  // SourceFile's checkpoint stride
  for (size_t size : {stride, 64 * stride, size_t{0}}) {
    std::string text(size, 'x');
    if (size >= 100) text[size - 100] = '\n';  // the last line is 99 bytes long
    base::SourceFile src("cut.json", text);
    auto [line, column] = src.line_column(size);
    INFO(size);
    CHECK(line == (size >= 100 ? 2u : 1u));
    CHECK(column == (size >= 100 ? 100u : size + 1));
    CHECK(src.location(size, size).column == column);
  }
}

TEST_CASE("source file: a line that ends on a checkpoint has offsets up to its end (fuzzing found it)") {
  // Line 1 is exactly one stride long: its end is a checkpoint, read past the
  // line's last byte when a column at or past the end was asked for.
  for (size_t length : {size_t{1024}, size_t{2048}, size_t{1023}}) {
    std::string text(length, 'x');
    text += "\nnext\n";
    base::SourceFile src("stride.yaml", text);
    INFO(length);
    CHECK(src.offset(1, static_cast<uint32_t>(length) + 1) == length);
    CHECK(src.offset(1, static_cast<uint32_t>(length) + 50) == length);
    CHECK(src.offset(2, 1) == length + 1);
  }
}

TEST_CASE("snippet: a secret or an access key on a long line is masked in the window") {
  std::string line = std::string(3000, 'x') + " AKIAABCDEFGHIJKLMNOP " + std::string(3000, 'y');
  base::SourceFile src("k.txt", line + "\n");
  base::Location at{src.path(), 1, 3002, 1, 3022};
  base::Window shown = report::shown_line(src, at, {at, false});
  CHECK(shown.text.find("AKIA****************") != std::string::npos);
  CHECK(shown.text.find("ABCDEFGHIJKLMNOP") == std::string::npos);
  // The key straddling the window's left edge is masked whole, not cut and shown.
  base::Location later{src.path(), 1, 3075, 1, 3076};
  CHECK(report::shown_line(src, later, {later, false}).text.find("KLMNOP") == std::string::npos);
  base::Location secret{src.path(), 1, 3002, 1, 3022};
  base::Window hidden = report::shown_line(src, secret, {secret, true});
  CHECK(hidden.text.find('x') == std::string::npos);
  CHECK(hidden.text.find("AKIA") == std::string::npos);
}

TEST_CASE("snippet: the caret stands under its column after wide characters (CJK take two terminal columns)") {
  CHECK(guardrail::base::caret_snippet("名前: x", 5, 6) == "名前: x\n      ^\n");
  CHECK(guardrail::base::caret_snippet("a: 日本", 4, 6) == "a: 日本\n   ^~~~\n");
  CHECK(guardrail::base::caret_snippet("\té: x", 5, 6) == "\té: x\n\t   ^\n");
}
