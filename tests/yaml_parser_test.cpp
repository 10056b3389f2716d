#include <catch2/catch.hpp>

#include "linter/base/text.hpp"
#include "linter/parse/yaml_parser.hpp"

using namespace seldon_lint;

namespace {

YamlParseResult parse(const std::string& text, YamlParseOptions options = {}) {
  static YamlParser parser;
  options.file = 7;
  auto starts = compute_line_starts(text);
  return parser.parse(text, starts, options);
}

}  // namespace

TEST_CASE("scalars keep exact ranges in code points", "[parser]") {
  auto r = parse("security:\n  kafka:\n    protocol: \"SASL_SSL\"\n  note: caf\xc3\xa9 x\n");
  REQUIRE_FALSE(r.syntax_error);
  REQUIRE(r.documents.size() == 1);
  const auto* protocol = r.documents[0].root.at("security.kafka.protocol");
  REQUIRE(protocol != nullptr);
  CHECK(protocol->scalar == "SASL_SSL");
  CHECK(protocol->style == yaml::Style::DoubleQuoted);
  CHECK(protocol->file == 7);
  CHECK(protocol->range.begin.line == 3);
  CHECK(protocol->range.begin.column == 15);
  CHECK(protocol->range.end.column == 25);
  const auto* entry = r.documents[0].root.at("security")->find_entry("kafka");
  CHECK(entry->key_range.begin.line == 2);
  CHECK(entry->key_range.begin.column == 3);
  const auto* note = r.documents[0].root.at("security.note");
  CHECK(note->scalar == "caf\xc3\xa9 x");
  CHECK(note->range.end.column == 15);  // code points, not bytes
}

TEST_CASE("yaml-cpp decodes escapes, block and folded scalars", "[parser]") {
  auto r = parse(
      "a: \"tab\\tq\\\"\"\nb: 'it''s'\nc: |\n  line1\n  line2\nd: >-\n  one\n  two\n"
      "e: plain\n  continued\nf: !!str 12\n");
  REQUIRE(r.documents.size() == 1);
  const auto& root = r.documents[0].root;
  CHECK(root.find("a")->scalar == "tab\tq\"");
  CHECK(root.find("b")->scalar == "it's");
  CHECK(root.find("c")->scalar == "line1\nline2\n");
  CHECK(root.find("d")->scalar == "one two");
  CHECK(root.find("e")->scalar == "plain continued");
  CHECK(root.find("f")->tag == "!!str");
  CHECK(root.find("f")->scalar == "12");
}

TEST_CASE("nulls, empty values and flow collections", "[parser]") {
  auto r = parse("a:\nb: ~\nc: null\nd: \"\"\ne: [1, {x: y}]\nf: {k: v, lone}\n");
  const auto& root = r.documents[0].root;
  CHECK(root.find("a")->is_null());
  CHECK(root.find("b")->is_null());
  CHECK(root.find("c")->is_null());
  CHECK(root.find("d")->is_scalar());
  CHECK(root.find("d")->scalar.empty());
  REQUIRE(root.find("e")->is_seq());
  CHECK(root.find("e")->items.size() == 2);
  CHECK(root.find("e")->items[1].find("x")->scalar == "y");
  CHECK(root.find("f")->find("k")->scalar == "v");
  CHECK(root.find("f")->find("lone") != nullptr);
}

TEST_CASE("anchors, aliases and merge keys", "[parser]") {
  auto r = parse(
      "base: &b\n  protocol: SSL\n  mech: PLAIN\nuse:\n  <<: *b\n  mech: SCRAM-SHA-512\ncopy: "
      "*b\n");
  REQUIRE_FALSE(r.syntax_error);
  const auto& root = r.documents[0].root;
  CHECK(root.at("use.protocol")->scalar == "SSL");
  CHECK(root.at("use.mech")->scalar == "SCRAM-SHA-512");
  CHECK(root.at("copy.mech")->scalar == "PLAIN");
  // The alias copy keeps the position of the anchored text.
  CHECK(root.at("copy.protocol")->range.begin.line == 2);
}

TEST_CASE("multi-document streams keep every clean document", "[parser]") {
  auto r = parse("a: 1\n---\nb: 2\n---\n- x\n");
  REQUIRE(r.documents.size() == 3);
  CHECK(r.documents[1].root.find("b")->scalar == "2");
  CHECK(r.documents[2].root.is_seq());
}

TEST_CASE("syntax errors are located, other documents survive", "[parser]") {
  auto r = parse("a: 1\n---\nb: [1, 2\n---\nc: 3\n");
  CHECK(r.syntax_error);
  CHECK(r.error_position.line >= 3);
  CHECK_FALSE(r.error_message.empty());
  bool kept_a = false;
  for (const auto& d : r.documents) kept_a = kept_a || d.root.find("a") != nullptr;
  CHECK(kept_a);
}

TEST_CASE("unknown aliases are syntax errors", "[parser]") {
  auto r = parse("a: *missing\n");
  CHECK(r.syntax_error);
}

TEST_CASE("alias bombs hit the node budget instead of exhausting memory", "[parser]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + prev;
    bomb += "]\n";
    prev = c;
  }
  auto r = parse(bomb);
  CHECK(r.limit_exceeded);
  CHECK(r.documents.empty());
}

TEST_CASE("deep nesting is bounded", "[parser]") {
  std::string deep(5000, '[');
  deep += std::string(5000, ']');
  auto r = parse("a: " + deep + "\n");
  CHECK(r.limit_exceeded);
  std::string block;
  for (int i = 0; i < 3000; ++i) block += std::string(static_cast<size_t>(i) * 2, ' ') + "k:\n";
  auto r2 = parse(block);
  CHECK(r2.limit_exceeded);
}

TEST_CASE("comments are collected when asked", "[parser]") {
  YamlParseOptions options;
  options.want_comments = true;
  auto r = parse("# head\na: 1  # seldon-lint: ignore[SL101] reason\n", options);
  REQUIRE(r.comments.size() == 2);
  CHECK(r.comments[1].text == "# seldon-lint: ignore[SL101] reason");
  CHECK(r.comments[1].range.begin.line == 2);
  CHECK(r.comments[1].range.begin.column == 7);
}

TEST_CASE("syntax-only mode builds no documents", "[parser]") {
  YamlParseOptions options;
  options.want_documents = false;
  auto r = parse("a: 1\n", options);
  CHECK(r.documents.empty());
  CHECK_FALSE(r.syntax_error);
}
