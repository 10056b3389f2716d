#include <catch2/catch.hpp>

#include "linter/base/text.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/helm_merge.hpp"
#include "linter/parse/yaml_parser.hpp"

using namespace seldon_lint;

namespace {

yaml::Node load(const std::string& text, FileId file) {
  static YamlParser parser;
  YamlParseOptions options;
  options.file = file;
  auto starts = compute_line_starts(text);
  auto r = parser.parse(text, starts, options);
  REQUIRE(r.documents.size() == 1);
  return r.documents[0].root;
}

}  // namespace

TEST_CASE("maps merge deeply, later layers win", "[merge]") {
  auto base = load("a:\n  b: 1\n  c: 2\nlist: [1, 2]\n", 0);
  auto overlay = load("a:\n  c: 3\n  d: 4\nlist: [9]\n", 1);
  auto merged = merge_layers(base, {&overlay});
  CHECK(merged.at("a.b")->scalar == "1");
  CHECK(merged.at("a.b")->file == 0);
  CHECK(merged.at("a.c")->scalar == "3");
  CHECK(merged.at("a.c")->file == 1);
  CHECK(merged.at("a.d")->scalar == "4");
  // Lists replace, they never merge.
  REQUIRE(merged.at("list")->items.size() == 1);
  CHECK(merged.at("list")->items[0].scalar == "9");
}

TEST_CASE("null deletes a key, a later layer can set it again", "[merge]") {
  auto base = load("a:\n  b: 1\n  c: 2\n", 0);
  auto deleting = load("a:\n  b: null\n", 1);
  auto merged = merge_layers(base, {&deleting});
  CHECK(merged.at("a.b") == nullptr);
  CHECK(merged.at("a.c")->scalar == "2");
  auto again = load("a:\n  b: 5\n", 2);
  merged = merge_layers(base, {&deleting, &again});
  CHECK(merged.at("a.b")->scalar == "5");
}

TEST_CASE("scalars replace maps and maps replace scalars", "[merge]") {
  auto base = load("a:\n  b: 1\n", 0);
  auto scalar = load("a: flat\n", 1);
  auto merged = merge_layers(base, {&scalar});
  CHECK(merged.find("a")->scalar == "flat");
  auto map = load("a:\n  z: 1\n", 2);
  merged = merge_layers(merged, {&map});
  CHECK(merged.at("a.z")->scalar == "1");
}

TEST_CASE("chart defaults are the base of every release", "[merge]") {
  const auto& defaults = facts::setup_chart_defaults_tree();
  CHECK(defaults.at("security.kafka.protocol")->scalar == "PLAINTEXT");
  CHECK(defaults.at("security.kafka.protocol")->file == kNoFile);
  CHECK(defaults.at("kafka.topics.replicationFactor")->scalar == "1");
  CHECK(defaults.at("security.kafka.sasl.client.secret") == nullptr);
  auto values = load("security:\n  kafka:\n    protocol: SSL\n", 3);
  auto merged = merge_layers(defaults, {&values});
  CHECK(merged.at("security.kafka.protocol")->scalar == "SSL");
  CHECK(merged.at("security.kafka.sasl.mechanism")->scalar == "SCRAM-SHA-512");
  // The merged entry points at the key of the layer that set it.
  const auto* entry = merged.at("security.kafka")->find_entry("protocol");
  CHECK(entry->key_file == 3);
  CHECK(entry->key_range.begin.line == 3);
}

TEST_CASE("set_path builds --set style layers", "[merge]") {
  yaml::Node root;
  root.kind = yaml::Kind::Map;
  yaml::Node value;
  value.kind = yaml::Kind::Scalar;
  value.scalar = "SASL_SSL";
  set_path(root, {"security", "kafka", "protocol"}, value);
  CHECK(root.at("security.kafka.protocol")->scalar == "SASL_SSL");
}
