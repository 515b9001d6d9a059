#include "scan/read_input.hpp"

#include <re2/re2.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "adapt/aws_export.hpp"
#include "adapt/aws_regions.hpp"
#include "base/intern.hpp"
#include "base/read_file.hpp"
#include "base/text.hpp"
#include "load/limits.hpp"
#include "load/json_loader.hpp"
#include "load/text_decode.hpp"
#include "load/yaml_loader.hpp"
#include "scan/evidence.hpp"

namespace guardrail::scan {
namespace fs = std::filesystem;
namespace {

bool read_bytes(const Candidate& input, std::string& bytes, std::string& error) {
  const load::Limits& bounds = load::limits();
  base::FileRead read;
  if (input.content) {
    read.bytes = *input.content;
  } else if (input.disk_path.empty()) {
    read = base::read_stream(STDIN_FILENO, bounds.max_document_bytes);
  } else if (input.pipe) {
    int fd = ::open(input.disk_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error = std::string("cannot open: ") + std::strerror(errno);
      return false;
    }
    read = base::read_stream(fd, bounds.max_document_bytes);
    ::close(fd);
  } else {
    read = base::read_regular_file(input.disk_path, bounds.max_file_bytes);
  }
  if (!read.ok()) {
    error = std::move(read.error);
    if (error.find("larger than the limit") != std::string::npos)
      error += input.pipe || input.disk_path.empty() ? std::string(load::kRaise) + "max-document-size=SIZE)"
                                                     : std::string(load::kRaise) + "max-file-size=SIZE)";
    return false;
  }
  bytes = std::move(read.bytes);
  // What is parsed whole has a bound of its own; exports stream (read_input).
  if (bytes.size() > bounds.max_document_bytes) {
    error = "is " + base::format_bytes(bytes.size()) + ", larger than the limit of " +
            base::format_bytes(bounds.max_document_bytes) +
            " for a document read whole; only AWS exports stream" + load::kRaise + "max-document-size=SIZE)";
    bytes.clear();
    return false;
  }
  return true;
}

bool starts_like_json(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' || c == '[';
  }
  return false;
}

}  // namespace

RenderFirst render_first(const Candidate& input) {
  RenderFirst out;
  if (input.by_content() || input.content) return out;
  std::error_code ec;
  // Any folder at or below a chart's templates/ holds templates. A relative
  // path is made absolute only when the scan runs inside a templates/
  // folder (of "deployment.yaml"), whose chart is above where it runs.
  fs::path dir = fs::path(input.disk_path).parent_path();
  if (dir.is_relative()) {
    static const fs::path kWorking = fs::current_path(ec);
    bool inside = false;
    for (const fs::path& part : kWorking) inside = inside || part == "templates";
    if (inside) dir = (kWorking / dir).lexically_normal();
  }
  fs::path display = fs::path(input.display_path).parent_path();
  for (fs::path d = dir; !d.empty() && d.has_relative_path(); d = d.parent_path(), display = display.parent_path()) {
    if (d.filename() == "templates" && fs::exists(d.parent_path() / "Chart.yaml", ec)) {
      out.helm_chart = display.filename() == "templates" ? display.parent_path().generic_string()
                                                         : fs::relative(d.parent_path(), ec).generic_string();
      if (out.helm_chart.empty()) out.helm_chart = ".";
      return out;
    }
    if (d.parent_path() == d) break;
  }
  return out;
}

/// Whether a path lies in an export bundle: an account's folder (12 digits)
/// with a region's folder (or global) below it.
bool in_export_bundle(const std::string& path) {
  bool account = false;
  size_t start = 0;
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', start)) {
    std::string folder = path.substr(start, slash - start);
    start = slash + 1;
    if (folder.size() == 12 && folder.find_first_not_of("0123456789") == std::string::npos) account = true;
    else if (account && (folder == "global" || adapt::is_region_name(folder))) return true;
  }
  return false;
}

/// Whether the YAML error at `where` is on (or just after) a line holding a
/// template's placeholder: {{ }}, {% %}, ${{ }}, <% %>, or printf's %s/%d/%v.
bool template_at_error(const base::SourceFile& file, const base::Location& where) {
  if (!where.known() || where.line == 0) return false;
  for (uint32_t n = where.line > 1 ? where.line - 1 : 1; n <= where.line; ++n) {
    std::string_view line = file.line(n);
    for (std::string_view marker : {"{{", "{%", "<%", "%s", "%d", "%v", "%q"})
      if (line.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

/// The same for HCL, where braces nest: a Go or Jinja action ({{ .Name }},
/// {{- range }}, {% if %}) on the line of the error or the one before.
bool hcl_template_at_error(const base::SourceFile& file, const base::Location& where) {
  if (!where.known() || where.line == 0) return false;
  static const RE2 kAction("\\{\\{-?\\s*[.$A-Za-z/][^{}]*-?\\}\\}|\\{%-?\\s*[A-Za-z][^{}]*%\\}");
  for (uint32_t n = where.line > 1 ? where.line - 1 : 1; n <= where.line; ++n) {
    std::string_view line = file.line(n);
    if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), kAction)) return true;
  }
  return false;
}

/// The member names of a JSON object's top level (none when the text is not
/// an object): enough to tell an export's arrays from afar.
std::vector<adapt::TopLevelKey> top_level_keys(std::string_view text) {
  std::vector<adapt::TopLevelKey> keys;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') return keys;
  int depth = 0;
  for (size_t i = first; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') --depth;
    else if (c == '"') {
      size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      if (end >= text.size()) break;
      size_t after = text.find_first_not_of(" \t\r\n", end + 1);
      if (depth == 1 && after != std::string_view::npos && text[after] == ':') {
        size_t value = text.find_first_not_of(" \t\r\n", after + 1);
        keys.push_back({std::string(text.substr(i + 1, end - i - 1)), value != std::string_view::npos && text[value] == '['});
      }
      i = end;
    }
  }
  return keys;
}

/// The first megabyte of a file.
std::string head_of(const std::string& disk_path) {
  base::FileRead head = base::read_head(disk_path, 1 << 20);
  return head.ok() ? std::move(head.bytes) : std::string();
}

uint64_t stream_threshold() {
  static const uint64_t kThreshold = [] {
    const char* env = std::getenv("GUARDRAIL_STREAM_BYTES");
    return env && *env ? std::strtoull(env, nullptr, 10) : (32ull << 20);
  }();
  return kThreshold;
}

namespace {

/// A report guardrail wrote (JSON, SARIF, the resource model), left where
/// the next scan finds it.
bool own_report(const std::vector<model::Value>& documents) {
  if (documents.size() != 1) return false;
  const model::Value& d = documents[0];
  auto named_guardrail = [](const model::Value* tool) {
    const model::Value* name = tool ? tool->find("name") : nullptr;
    return name && name->is_string() && name->as_string() == "guardrail";
  };
  if (d.is_map()) {
    if (named_guardrail(d.find("tool")) && d.find("findings")) return true;  // --format json
    if (const model::Value* runs = d.find("runs"); runs && runs->is_list() && !runs->as_list().empty()) {
      const model::Value* tool = runs->as_list()[0].find("tool");  // SARIF
      return named_guardrail(tool ? tool->find("driver") : nullptr);
    }
    return false;
  }
  // --format resources: [{type, address, source, location, attributes}, ...]
  if (!d.is_list() || d.as_list().empty()) return false;
  const model::Value& first = d.as_list()[0];
  return first.is_map() && first.find("address") && first.find("attributes") && first.find("source") &&
         first.find("location");
}

}  // namespace

std::string placement_path(const Candidate& input) {
  if (input.by_content() || input.content) return input.display_path;
  std::error_code ec;
  fs::path full = fs::absolute(input.disk_path, ec);
  // The folders it sits in, then the path shown: what the path shown names
  // comes last, so it decides when it names an account or region.
  return ec ? input.display_path : full.lexically_normal().parent_path().generic_string() + "/" + input.display_path;
}

/// Sets a file aside, read as no infrastructure, for `reason`: what was
/// parsed of it goes, and it is said once, as a note at `where` (nothing
/// when `where` is unknown).
void set_aside(LoadedFile& out, std::string reason, const char* code = "", base::Location where = {}) {
  out.kind = FileKind::other;
  out.skip_reason = std::move(reason);
  out.documents.clear();
  out.hcl.reset();
  out.diagnostics.clear();
  if (where.known()) out.diagnostics.push_back({base::Level::note, code, where, out.skip_reason});
}

LoadedFile read_input(const Candidate& input) {
  LoadedFile out;
  out.input = input;
  NameKind by_name = input.by_content() ? NameKind::yaml
                                        : kind_by_name(fs::path(input.disk_path).filename().string());
  if (!input.by_content()) {
    std::string name = fs::path(input.disk_path).filename().string();
    if (name == ".guardrail.yaml" || name == ".guardrail.yml") {
      out.kind = FileKind::other;
      out.skip_reason = "guardrail's own configuration";
      return out;
    }
    if (name == "terragrunt.hcl.json" || name == "terragrunt.stack.hcl") {
      out.kind = FileKind::other;
      out.skip_reason = std::string(kTerragruntUnread);
      return out;
    }
  }
  // A Terragrunt unit is HCL, read as a .tf file is; the Terraform stage evaluates it.
  bool terragrunt = !input.by_content() && fs::path(input.disk_path).filename() == "terragrunt.hcl";
  if (terragrunt) by_name = NameKind::terraform;
  if (by_name == NameKind::json && !input.by_content() && !input.content) {
    // A large export is streamed, never held whole (docs/semantics.md, "Exports").
    std::error_code ec;
    uint64_t size = fs::file_size(input.disk_path, ec);
    if (!ec && size > load::limits().max_file_bytes) {
      out.kind = FileKind::unreadable;
      out.diagnostics.push_back(base::error("io", {base::intern(input.display_path)},
                                            "is " + base::format_bytes(size) + ", larger than the limit of " +
                                                base::format_bytes(load::limits().max_file_bytes) +
                                                load::kRaise + "max-file-size=SIZE)"));
      return out;
    }
    if (!ec && size >= stream_threshold()) {
      std::vector<adapt::TopLevelKey> keys = top_level_keys(head_of(input.disk_path));
      if (adapt::is_export_envelope(keys)) {
        out.kind = FileKind::aws_export;
        out.stream = true;
        out.stream_snapshot = std::any_of(keys.begin(), keys.end(),
                                          [](const adapt::TopLevelKey& k) { return k.name == "configSnapshotId"; });
        return out;
      }
    }
  }
  if (by_name == NameKind::other && !input.content) {
    // Of no format guardrail reads: only told apart from binary, by its head.
    base::FileRead head = base::read_head(input.disk_path, 8192);
    out.kind = head.ok() && load::looks_binary(head.bytes) ? FileKind::binary : FileKind::other;
    return out;
  }
  std::string bytes, error;
  if (!read_bytes(input, bytes, error)) {
    out.kind = FileKind::unreadable;
    out.diagnostics.push_back(base::error("io", {base::intern(input.display_path)}, error));
    return out;
  }
  if (load::looks_binary(bytes)) {
    out.kind = FileKind::binary;
    out.skip_reason = "binary";
    return out;
  }
  bool exact_dockerfile = false;
  if (by_name == NameKind::dockerfile) {
    std::string name = base::ascii_lower(fs::path(input.disk_path).filename().string());
    exact_dockerfile = name == "dockerfile" || name == "containerfile";
  }
  // Only a name that says what the file is (main.tf, Dockerfile) makes a
  // file that does not parse an error; otherwise its content must show it.
  bool named_infrastructure = by_name == NameKind::terraform || by_name == NameKind::terraform_vars || exact_dockerfile;
  if (by_name == NameKind::dockerfile && !exact_dockerfile) {
    // Dockerfile.md, Dockerfile.j2: documentation and templates named after one.
    std::string name = base::ascii_lower(fs::path(input.disk_path).filename().string());
    std::string ext = name.substr(name.rfind('.') + 1);
    static const std::set<std::string> kNotDockerfile = {
        "md", "markdown", "rst", "adoc", "txt", "html", "tmpl", "tpl", "j2", "jinja", "jinja2", "template",
        "gotmpl", "erb", "mustache", "hbs", "in", "bak", "orig", "rej", "swp", "dockerignore", "lock"};
    if (name.rfind('.') != std::string::npos && kNotDockerfile.count(ext)) {
      out.kind = FileKind::other;
      out.skip_reason = "named like a Dockerfile, but a ." + ext + " file";
      return out;
    }
  }
  if (by_name == NameKind::dockerfile && !exact_dockerfile && !looks_like_dockerfile(bytes)) {
    out.kind = FileKind::other;
    out.skip_reason = "named like a Dockerfile, but does not start with FROM or ARG";
    return out;
  }
  if (by_name == NameKind::yaml || by_name == NameKind::json) {
    RenderFirst rf = render_first(input);
    if (!rf.helm_chart.empty()) {
      out.kind = FileKind::helm_template;
      out.skip_reason = "a Helm chart's template: render the chart first";
      return out;
    }
  }
  load::Decoded decoded = load::decode_text(std::move(bytes));
  out.source = std::make_unique<base::SourceFile>(input.display_path, std::move(decoded.text));
  if (!decoded.error.empty()) {
    if (!named_infrastructure && !looks_like_infrastructure(out.source->text())) {
      out.kind = FileKind::other;
      out.skip_reason = "not UTF-8 text (" + decoded.error + "), and no sign of infrastructure";
      out.source.reset();
      return out;
    }
    out.kind = FileKind::unreadable;
    out.diagnostics.push_back(base::error(
        "encoding", out.source->location(decoded.error_offset, decoded.error_offset + 1), decoded.error));
    return out;
  }
  switch (by_name) {
    case NameKind::terraform:
    case NameKind::terraform_vars: {
      out.kind = terragrunt ? FileKind::terragrunt
                 : by_name == NameKind::terraform ? FileKind::terraform : FileKind::terraform_vars;
      std::string_view path = input.display_path;
      if (path.size() > 5 && path.substr(path.size() - 5) == ".json") {
        load::Documents docs = load::load_json(*out.source);
        out.documents = std::move(docs.documents);
        out.diagnostics = std::move(docs.diagnostics);
      } else {
        out.hcl = std::make_unique<load::hcl::ParsedFile>(load::hcl::parse_hcl(*out.source));
        out.diagnostics = out.hcl->diagnostics;
        // A scaffold of another tool (boilerplate's, cookiecutter's): Go or
        // Jinja placeholders where HCL fails, HCL only once rendered. Said once.
        if (base::has_errors(out.diagnostics) && hcl_template_at_error(*out.source, out.diagnostics.front().where)) {
          set_aside(out, "a template ({{ }} or {% %} placeholders), not HCL until rendered: render it, then scan the output",
                    "template", out.diagnostics.front().where);
          return out;
        }
      }
      if (base::has_errors(out.diagnostics)) out.kind = FileKind::unreadable;
      return out;
    }
    case NameKind::dockerfile:
      if (size_t at = dockerfile_template_marker(out.source->text()); at != std::string_view::npos) {
        set_aside(out, "a Dockerfile template ({{ }} or {% %} placeholders): render it, then scan the output",
                  "template", exact_dockerfile ? out.source->location(at, at + 2) : base::Location{});
        return out;
      }
      out.kind = FileKind::dockerfile;
      return out;
    default: break;
  }
  std::string_view text = out.source->text();
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out.kind = FileKind::other;
    out.skip_reason = "empty";
    return out;
  }
  bool json = by_name == NameKind::json || by_name == NameKind::text ||
              ((by_name == NameKind::template_ || input.by_content()) && starts_like_json(text));
  if (by_name == NameKind::text && !starts_like_json(text)) {
    out.kind = FileKind::other;
    out.skip_reason = "text, not JSON";
    return out;
  }
  load::Documents docs = json ? load::load_json(*out.source) : load::load_yaml(*out.source);
  out.documents = std::move(docs.documents);
  out.diagnostics = std::move(docs.diagnostics);
  out.kind = classify_documents(out.documents, placement_path(input), json);
  if (out.kind == FileKind::kubernetes && !base::has_errors(out.diagnostics) && is_unrendered_template(out.documents)) {
    set_aside(out, "a template with {{ placeholders }}: render it first, then scan the output");
    return out;
  }
  if (out.kind == FileKind::cloudformation)
    if (size_t at = rain_directive(text); at != std::string_view::npos) {
      set_aside(out, "a Rain template (!Rain:: directives): package it first: rain pkg " + input.display_path +
                         " | guardrail scan -",
                "rain", out.source->location(at, at + 1));
      return out;
    }
  if (out.kind != FileKind::other) return out;
  if (base::has_errors(out.diagnostics) && !json && template_at_error(*out.source, out.diagnostics.front().where)) {
    // A manifest template of another tool (Go templates, Jinja, printf): valid
    // for its tool, not YAML until rendered. Said once, not an error.
    set_aside(out, "a template (Go, Jinja or printf placeholders), not YAML until rendered: render it, then scan the output",
              "template", out.diagnostics.front().where);
    return out;
  }
  if (base::has_errors(out.diagnostics) && looks_like_infrastructure(text)) {
    // Infrastructure that does not parse: its errors stand.
    out.kind = FileKind::unreadable;
    return out;
  }
  // JSON in an export bundle's layout (ACCOUNT/REGION/…) that is no output
  // guardrail reads: an auditor must not take "not read" for "clean".
  if (json && !base::has_errors(out.diagnostics) && !own_report(out.documents) && in_export_bundle(placement_path(input))) {
    std::string keys;
    if (!out.documents.empty() && out.documents[0].is_map())
      for (const model::Member& m : out.documents[0].as_map()) {
        if (keys.size() > 60) {
          keys += ", …";
          break;
        }
        keys += (keys.empty() ? "" : ", ") + m.key;
      }
    out.skip_reason = "in an export bundle, but no AWS CLI output or AWS Config item that guardrail reads" +
                      (keys.empty() ? std::string() : " (its keys: " + keys + ")");
    out.documents.clear();
    out.diagnostics.clear();
    out.diagnostics.push_back(base::warning("export-unread", base::Location{base::intern(input.display_path)},
                                            out.skip_reason + "; docs/inputs.md lists the outputs read"));
    return out;
  }
  // A Serverless Framework service: its CloudFormation is the stack
  // `serverless package` writes, its own resources among it.
  if (!json && !base::has_errors(out.diagnostics) && !out.documents.empty() && out.documents[0].is_map() &&
      out.documents[0].find("service") && out.documents[0].find("provider")) {
    const model::Value* resources = out.documents[0].find("resources");
    const model::Value* inline_cfn = resources && resources->is_map() ? resources->find("Resources") : nullptr;
    set_aside(out,
              "a Serverless Framework service: its stack is read once packaged: serverless package, then guardrail "
              "scan .serverless/",
              "serverless", inline_cfn ? inline_cfn->location() : base::Location{});
    return out;
  }
  // Nothing guardrail reads, whatever its syntax (tsconfig.json with
  // comments, a Grafana dashboard, CI configuration): skipped, no error.
  out.skip_reason = own_report(out.documents) ? "guardrail's own report"
                    : base::has_errors(out.diagnostics)
                        ? std::string(json ? "not strict JSON" : "not valid YAML") +
                              " (" + out.diagnostics.front().message + "), and no sign of infrastructure"
                        : std::string(json ? "JSON" : "YAML") +
                              ", but no Kubernetes object, CloudFormation template, Terraform plan or AWS export";
  out.diagnostics.clear();
  out.documents.clear();
  return out;
}

}  // namespace guardrail::scan
