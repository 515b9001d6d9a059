#include "policy/functions.hpp"

#include <algorithm>

#include "base/text.hpp"

namespace guardrail::policy {
namespace {

constexpr TypeSet kStrOrList = kString | kList;
constexpr TypeSet kCollection = kList | kMap;

const std::vector<FunctionSignature>& table() {
  static const std::vector<FunctionSignature> kTable = {
      // CIDR (IPv4 and IPv6; a CIDR string may also be a bare address)
      {"cidr_valid", 1, 1, {kAny}, kBool, "true when the value parses as an IPv4 or IPv6 CIDR", "cidr"},
      {"cidr_prefix", 1, 1, {kString}, kNumber, "the prefix length of a CIDR (32 for a bare IPv4 address)", "cidr"},
      {"cidr_normalize", 1, 1, {kString}, kString, "the CIDR with its host bits masked: 10.0.0.1/8 is 10.0.0.0/8", "cidr"},
      {"cidr_contains", 2, 2, {kStrOrList, kStrOrList}, kBool, "every CIDR of the second argument lies inside some CIDR of the first", "cidr"},
      {"cidr_overlaps", 2, 2, {kStrOrList, kStrOrList}, kBool, "some CIDR of the first argument overlaps some CIDR of the second", "cidr"},
      {"cidr_private", 1, 1, {kString}, kBool, "the CIDR lies inside RFC 1918, RFC 6598 (100.64.0.0/10) or fc00::/7", "cidr"},
      {"cidr_open", 1, 3, {kStrOrList, kNumber, kNumber}, kBool, "the CIDRs together cover 0.0.0.0/0 or ::/0, or include a public network of prefix /8 or shorter for IPv4, /32 or shorter for IPv6 (the two optional arguments)", "cidr"},
      {"overlapping", 1, 1, {kList}, kList, "pairs [a, b] of CIDRs of the list that overlap and belong to different resources, found by sorting (n log n)", "cidr"},
      // strings
      {"lower", 1, 1, {kString}, kString, "lower case", "string"},
      {"upper", 1, 1, {kString}, kString, "upper case", "string"},
      {"trim", 1, 1, {kString}, kString, "without leading and trailing whitespace", "string"},
      {"starts_with", 2, 2, {kString, kStrOrList}, kBool, "the string starts with the prefix (or one of a list of prefixes)", "string"},
      {"ends_with", 2, 2, {kString, kStrOrList}, kBool, "the string ends with the suffix (or one of a list of suffixes)", "string"},
      {"contains", 2, 2, {kString | kCollection, kAny}, kBool, "a string contains a substring, a list an element, a map a key", "string"},
      {"split", 2, 2, {kString, kString}, kList, "the parts of a string between separators", "string"},
      {"join", 2, 2, {kList, kString}, kString, "the elements of a list joined with a separator", "string"},
      {"plural", 2, 3, {kNumber, kString, kString}, kString, "a count with its noun: plural(1, \"day\") is \"1 day\", plural(2, \"day\") \"2 days\" (the third argument for an irregular plural)", "string"},
      {"replace", 3, 3, {kString, kString, kString}, kString, "every occurrence of a substring replaced", "string"},
      {"regex_find", 2, 2, {kString, kString}, kString | kNull, "the first match of an RE2 pattern (or its first group), or null", "string"},
      {"folders", 1, 1, {kString}, kList, "the folder names of a path: folders(\"envs/prod/net/main.tf\") is [envs, prod, net]", "string"},
      {"words", 1, 1, {kString}, kList, "a name split into lower-case words: snake_case, camelCase, kebab-case, UPPER_CASE", "string"},
      {"to_string", 1, 1, {kAny}, kString, "a value as text", "string"},
      {"to_number", 1, 1, {kString | kNumber | kBool}, kNumber | kNull, "a string parsed as a number, or null", "string"},
      {"version_compare", 2, 2, {kString | kNumber, kString | kNumber}, kNumber, "compares dotted versions (v1.29, 15.4): -1, 0 or 1", "string"},
      // collections
      {"count", 1, 1, {kString | kCollection | kNull}, kNumber, "the number of elements of a list or map, or characters of a string (null: 0)", "collection"},
      {"distinct", 1, 1, {kList}, kList, "the list without repeated values, first occurrences kept", "collection"},
      {"keys", 1, 1, {kMap | kNull}, kList, "the keys of a map", "collection"},
      {"values", 1, 1, {kMap | kNull}, kList, "the values of a map", "collection"},
      {"flatten", 1, 1, {kList}, kList, "nested lists made one list", "collection"},
      {"concat", 1, -1, {kList | kNull}, kList, "the lists joined; null arguments count as empty lists", "collection"},
      {"sum", 1, 1, {kList}, kNumber, "the sum of a list of numbers", "collection"},
      {"min", 1, 1, {kList}, kNumber | kString | kNull, "the smallest element, or null for an empty list", "collection"},
      {"max", 1, 1, {kList}, kNumber | kString | kNull, "the largest element, or null for an empty list", "collection"},
      {"sort", 1, 1, {kList}, kList, "the list sorted", "collection"},
      {"first", 1, 1, {kList | kNull}, kAny, "the first element, or null", "collection"},
      {"lookup", 2, 3, {kMap | kNull, kString, kAny}, kAny, "a map's value at a key (or dotted path), else the default (null)", "collection"},
      {"has", 2, 2, {kMap | kResource | kNull, kString}, kBool, "the map or resource has the key, even with a null value", "collection"},
      // Kubernetes
      {"selector_matches", 2, 2, {kMap | kNull, kMap | kNull}, kBool, "a label selector (matchLabels and matchExpressions, or a plain map as a Service uses) selects the labels; an empty selector selects everything, a null one nothing", "kubernetes"},
      {"parse_image", 1, 1, {kString}, kMap, "an image reference split into registry, repository, tag and digest", "kubernetes"},
      {"containers", 1, 1, {kMap | kNull}, kList, "every container of a pod spec: containers, initContainers and ephemeralContainers", "kubernetes"},
      {"pod_security", 4, 4, {kResource, kString, kString, kList}, kMap, "the Pod Security level and version a workload is judged at: its namespace's enforce labels, else privileged for a system namespace, else the given default; {level, version, namespace}", "kubernetes"},
      {"system_namespace", 2, 2, {kString | kNull, kList}, kBool, "the namespace is a system one: listed, or its Namespace object is labelled guardrail.io/system: \"true\"", "kubernetes"},
      {"for_version", 2, 2, {kMap, kString | kNumber}, kAny, "from a map keyed by versions (\"1.0\", \"1.27\"), the value of the greatest key not after the version", "kubernetes"},
      // resources
      {"address", 1, 1, {kResource}, kString, "the resource's address (aws_vpc.main, Deployment/shop/web)", "resource"},
      {"type", 1, 1, {kResource}, kString, "the resource's canonical type", "resource"},
      {"env", 1, 1, {kResource}, kString | kNull, "the resource's environment, or null when unknown", "resource"},
      {"account", 1, 1, {kResource}, kString | kNull, "the resource's AWS account, or null", "resource"},
      {"region", 1, 1, {kResource}, kString | kNull, "the resource's AWS region, or null", "resource"},
      {"same_region", 2, 2, {kResource, kResource}, kBool, "the two resources are in one region: by their regions, else true for two of one CloudFormation template (a stack deploys to one region), else unknown", "resource"},
      {"source", 1, 1, {kResource}, kString, "where the resource was described: terraform, terraform-plan, cloudformation, kubernetes, dockerfile, aws-export", "resource"},
      {"file", 1, 1, {kResource}, kString, "the path of the file that describes the resource", "resource"},
      {"owner", 1, 1, {kAny}, kResource | kNull, "the resource a value was read from, or null for a computed value", "resource"},
      {"accounts", 0, 0, {}, kList, "one resource per AWS account of the view (the first of each in scan order): the anchor of per-account rules", "resource"},
      {"placements", 0, 0, {}, kList, "one resource per AWS account and region of the view (the first of each in scan order)", "resource"},
      {"inventory", 3, 3, {kString, kString | kNull, kString | kNull}, kBool, "whether the view holds a type for an account and region: always in IaC; in an export bundle, when it holds that inventory, even empty", "resource"},
      {"wildcard_matches", 2, 2, {kString | kList, kString}, kBool, "a pattern (or any of a list) with * and ? wildcards matches the whole text, case ignored (an ECR repository filter)", "string"},
      {"action_matches", 2, 2, {kString | kList, kString}, kBool, "an IAM action pattern (or any of a list; * and ? wildcards, case-insensitive) covers the action", "iam"},
      {"statements", 1, 1, {kMap | kString | kNull}, kList, "an IAM policy document's statements, each {effect, actions, not_actions, resources, not_resources, principal, condition, sid}, single values made lists; JSON text is read first", "iam"},
      {"table", 1, 1, {kString}, kMap | kNull, "a data table shipped with the rules (a .tsv file beside them): a map from each row's first column to the list of its other columns", "resource"},
      {"db_source", 1, 1, {kResource}, kResource | kNull, "the primary a read replica copies (replicate_source_db as a reference, an ARN or an identifier); null for a primary, unknown when the source is not in the scan", "resource"},
      {"resource", 1, 1, {kAny}, kResource | kNull, "the resource of the scan a reference, ID or ARN names, or null when it names none", "resource"},
      // values
      {"is_known", 1, 1, {kAny}, kBool, "false for a value known only after apply; true otherwise (never unknown)", "value"},
      {"default", 2, -1, {kAny}, kAny, "the first argument that is not null", "value"},
      {"secret_literal", 1, 1, {kAny}, kBool, "a string literal that looks like a secret: a known credential format or private key, or a value not made of words; never a reference, interpolation, {{resolve:...}}, ARN, placeholder, path, URL without credentials, flag, number or name (\"keycloak-tls\")", "value"},
      {"literal_text", 1, 1, {kAny}, kBool, "a string written in the code, whatever it says: never blank, a value given on the command line, a placeholder or interpolation ({{...}}, ${...}, <...>) or a {{resolve:...}} dynamic reference", "value"},
      {"leaves", 1, 1, {kAny}, kList, "every scalar in a document as a pair [name, value]: the name is its own key (list elements take their list's key)", "value"},
      {"leaked_keys", 0, 0, {}, kList, "pairs [text, kind] for every AWS access key ID (AKIA/ASIA...) and private key block in the scanned IaC files, comments included, each located where it is written", "value"},
      {"secret_name", 1, 1, {kString}, kBool, "the name looks like it holds a secret: it ends with password, secret, token, api key, private key, access key, credentials... (docs/semantics.md, SEC-004)", "value"},
  };
  return kTable;
}

}  // namespace

std::span<const FunctionSignature> functions() { return table(); }

int find_function(std::string_view name) {
  const auto& t = table();
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i].name == name) return static_cast<int>(i);
  return -1;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions, and two
  // adjacent letters swapped ("prdo" for "prod") each cost one.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

size_t suggestion_limit(std::string_view name) { return std::max<size_t>(1, std::min<size_t>(3, name.size() / 3)); }

std::string closest(std::string_view word, const std::vector<std::string>& names) {
  std::string lower = base::ascii_lower(word), best;
  size_t best_d = suggestion_limit(word) + 1;
  for (const std::string& n : names) {
    std::string candidate = base::ascii_lower(n);
    if (candidate == lower) return n;
    if (size_t d = edit_distance(lower, candidate); d < best_d) best_d = d, best = n;
  }
  return best;
}

std::string_view closest_function(std::string_view name) {
  std::string_view best;
  size_t best_d = suggestion_limit(name) + 1;  // suggest only near misses
  for (const auto& f : table()) {
    size_t d = edit_distance(name, f.name);
    if (d < best_d) {
      best_d = d;
      best = f.name;
    }
  }
  return best;
}

}  // namespace guardrail::policy
