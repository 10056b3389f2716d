// The block reader (plain block YAML without tree-sitter) must give exactly
// the documents the tree-sitter reader gives, positions included, for every
// text it accepts.  Checked on hand-written cases, on every YAML file of the
// repository (fixtures, examples, tests) and, when SELDON_LINT_YAML_CORPUS
// names folders (colon-separated), on those too (tests/cli/realworld.sh passes
// the real-world corpus).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "linter/base/position_index.hpp"
#include "linter/base/text.hpp"
#include "linter/parse/yaml_block_reader.hpp"
#include "linter/parse/yaml_parser.hpp"

using namespace seldon_lint;
namespace fs = std::filesystem;

namespace {

std::string describe(const Position& p) {
  return std::to_string(p.line) + ":" + std::to_string(p.column) + "@" + std::to_string(p.offset);
}

std::string describe(const Range& r) {
  return describe(r.begin) + "-" + describe(r.end);
}

// The first difference between two trees, as "path: what", or "".
std::string difference(const yaml::Node& a, const yaml::Node& b, const std::string& path) {
  auto differs = [&](const std::string& what, const std::string& x, const std::string& y) {
    return path + ": " + what + " " + x + " vs " + y;
  };
  if (a.kind != b.kind) {
    return differs("kind", std::to_string(int(a.kind)), std::to_string(int(b.kind)));
  }
  if (a.style != b.style) {
    return differs("style", std::to_string(int(a.style)), std::to_string(int(b.style)));
  }
  if (a.file != b.file) return differs("file", std::to_string(a.file), std::to_string(b.file));
  if (describe(a.range) != describe(b.range)) {
    return differs("range", describe(a.range), describe(b.range));
  }
  if (a.tag != b.tag) return differs("tag", a.tag.str(), b.tag.str());
  if (a.scalar != b.scalar) return differs("scalar", a.scalar, b.scalar);
  if (a.entries.size() != b.entries.size()) {
    return differs("entries", std::to_string(a.entries.size()), std::to_string(b.entries.size()));
  }
  for (size_t i = 0; i < a.entries.size(); ++i) {
    const auto& x = a.entries[i];
    const auto& y = b.entries[i];
    std::string at = path + "." + x.key;
    if (x.key != y.key) return at + ": key vs " + y.key;
    if (x.key_file != y.key_file) return at + ": key file";
    if (describe(x.key_range) != describe(y.key_range)) {
      return at + ": key range " + describe(x.key_range) + " vs " + describe(y.key_range);
    }
    std::string inner = difference(x.value, y.value, at);
    if (!inner.empty()) return inner;
  }
  if (a.items.size() != b.items.size()) {
    return differs("items", std::to_string(a.items.size()), std::to_string(b.items.size()));
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    std::string inner = difference(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]");
    if (!inner.empty()) return inner;
  }
  return "";
}

struct Comparison {
  bool accepted = false;
  std::string difference;  // empty when equal (or not accepted)
};

Comparison compare_readers(const std::string& text) {
  static YamlParser parser;
  auto starts = compute_line_starts(text);
  YamlParseOptions options;
  options.file = 3;
  PositionIndex index(text, starts);
  yaml_internal::Frame frame{text, starts, index, 0};
  YamlParseResult fast;
  Comparison out;
  out.accepted = yaml_internal::read_block_yaml(text, frame, options, fast);
  if (!out.accepted) return out;
  options.block_reader = false;
  YamlParseResult slow = parser.parse(text, starts, options);
  if (slow.syntax_error || slow.limit_exceeded) {
    out.difference = "tree-sitter path: error " + slow.error_message + slow.limit_message;
    return out;
  }
  if (fast.documents.size() != slow.documents.size()) {
    out.difference = "documents " + std::to_string(fast.documents.size()) + " vs " +
                     std::to_string(slow.documents.size());
    return out;
  }
  for (size_t i = 0; i < fast.documents.size(); ++i) {
    const auto& x = fast.documents[i];
    const auto& y = slow.documents[i];
    if (describe(x.range) != describe(y.range)) {
      out.difference = "document " + std::to_string(i) + " range " + describe(x.range) + " vs " +
                       describe(y.range);
      return out;
    }
    out.difference = difference(x.root, y.root, "doc" + std::to_string(i));
    if (!out.difference.empty()) return out;
  }
  return out;
}

bool yaml_name(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// Every YAML file under `root`: how many the block reader accepted, and the
// differences found (file: difference).
void compare_folder(const fs::path& root, size_t& files, size_t& accepted,
                    std::vector<std::string>& differences) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec),
       end;
       it != end; it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec) || !yaml_name(it->path())) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    Comparison c = compare_readers(buffer.str());
    ++files;
    if (c.accepted) ++accepted;
    if (!c.difference.empty()) differences.push_back(it->path().string() + ": " + c.difference);
  }
}

}  // namespace

TEST_CASE("block reader: the tree-sitter reader's tree, positions included", "[parser]") {
  const char* cases[] = {
      "a: 1\n",
      "a: 1",
      "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  namespace: seldon-mesh\n",
      "# head\n---\na: b\n---\nc: d\n",
      "a:\n- x\n- y\nb: 2\n",
      "a:\n  - x\n  -   y # c\n  - 'it''s'\n  - \"q\"\nb:\n",
      "items:\n- name: a\n  env:\n  - name: B\n    value: \"1\"\n- name: c\n",
      "a: {}\nb: []\nc: ~\nd: null\nnull: e\n",
      "a:\n\n  # comment\n  b: c:d http://x\n",
      "- a\n- b: c\n  d: e\n-\n- f\n",
      "a: caf\xc3\xa9 x   \n  \n",
      "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
      "a: 1 # x\nb: 2\n",
      "a: -1\nb: a-b\nc: 1.5e3\n",
      "a:\n  b: 1\n  # c\nd: 2\n",
      "a:\n  b: 1\n# c\nd: 2\n",
      "a:\n- x\n# c\nd: 2\n",
      "- a: 1\n  # c\n- b\n",
      "a:\n  b: 1\n\nd: 2\n",
      "a:\n  b:\nc: 1\n",
      "a:\n  b:\n",
      "# c\na: 1\n",
      "r: {cpu: 100m, memory: 256Mi}\nk: [Ingress]\np: {name: api, port: {number: 80}} # c\n",
      "- [a, 'b', \"c\", {d: e}]\n- { a: ~ }\n- [ ]\n",
      "a:\n  b: [x]\n",
      "a: [x]\n",
      "\n\na: 1\n",
      "a: b\n# c\n---\nc: d\n",
      "a: b\n\n---\nc: d\n",
      "---\na: 1\n# trailing\n",
      "--- # x\na: 1\n",
      "  # c\n  a: 1\n",
      "a: b\n  # c\n---\nc: d\n",
  };
  for (const char* text : cases) {
    INFO(text);
    Comparison c = compare_readers(text);
    CHECK(c.accepted);
    CHECK(c.difference == "");
  }
}

TEST_CASE("block reader: declines what it does not read", "[parser]") {
  const char* cases[] = {
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: |\n  x\n",
      "a: [1, 2\n",
      "a: b: c\n",
      "a: x\n  y\n",
      "a:\tb\n",
      "a: 1\r\n",
      "a: \"x\\ty\"\n",
      "a: 'x\n  y'\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\n...\n",
      "? a\n: b\n",
      "a: 1\n  b: 2\n",
      "- - a\n",
      "plain scalar\n",
      "a:\n  - x\n - y\n",
      "\"a\": 1\n",
      "a: 1\n---\n",
      "<<: *b\n",
      "a: [b: c]\n",
      "a: {b}\n",
      "a: {b: 1,}\n",
      "a: {b: c # d}\n",
      "a: [x]y\n",
      "a: ---\n",
      "- ...\n",
      "a: 1\nb\n",
      "- a\nb: 1\n",
  };
  for (const char* text : cases) {
    INFO(text);
    CHECK_FALSE(compare_readers(text).accepted);
  }
}

TEST_CASE("block reader: same tree on every YAML file of the repository", "[parser]") {
  std::vector<fs::path> roots;
  for (const char* top : {"fixtures", "examples", "tests"}) {
    roots.push_back(fs::path(SELDON_LINT_SOURCE_DIR) / top);
  }
  if (const char* extra = std::getenv("SELDON_LINT_YAML_CORPUS")) {
    for (auto part : split(extra, ':')) {
      if (!part.empty()) roots.emplace_back(std::string(part));
    }
  }
  size_t files = 0, accepted = 0;
  std::vector<std::string> differences;
  for (const auto& root : roots) compare_folder(root, files, accepted, differences);
  INFO(accepted << " of " << files << " files read by the block reader");
  for (const auto& d : differences) UNSCOPED_INFO(d);
  CHECK(differences.empty());
  CHECK(accepted * 2 > files);  // the subset is the common case, not a curiosity
}
