// Rule documentation read from the Markdown beside each rule (rules/sl*.md).
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_doc.hpp"

using namespace seldon_lint;

namespace {

const std::string kGood =
    "---\n"
    "id: SL999\n"
    "name: made-up-rule\n"
    "severity: warning\n"
    "tags: [kafka, tls]\n"
    "security-severity: 7.5\n"
    "precision: medium\n"
    "points-at-secret: true\n"
    "---\n"
    "# SL999 made-up-rule\n"
    "\n"
    "One line summary\n"
    "\n"
    "## What it does\n"
    "\n"
    "Reports `x`.\n"
    "\n"
    "## Why is this bad?\n"
    "\n"
    "Because.\n"
    "\n"
    "## Example\n"
    "\n"
    "```yaml\n"
    "a: 1\n"
    "b: 2\n"
    "```\n"
    "\n"
    "## Use instead\n"
    "\n"
    "```yaml\n"
    "a: 2\n"
    "```\n";

}  // namespace

TEST_CASE("a rule's Markdown fills its metadata, summary and the four doc sections", "[rule_doc]") {
  RuleInfo rule;
  REQUIRE(read_rule_markdown(kGood, rule).empty());
  CHECK(rule.id == "SL999");
  CHECK(rule.name == "made-up-rule");
  CHECK(rule.severity == Severity::Warning);
  CHECK(rule.tags == std::vector<std::string>{"kafka", "tls"});
  CHECK(rule.security_severity == 7.5);
  CHECK(rule.precision == "medium");
  CHECK(rule.points_at_secret);
  CHECK(rule.summary == "One line summary");
  CHECK(rule.doc.what == "Reports `x`.");
  CHECK(rule.doc.why == "Because.");
  CHECK(rule.doc.example == "a: 1\nb: 2\n");
  CHECK(rule.doc.fix == "a: 2\n");
}

TEST_CASE("malformed rule Markdown says what is wrong", "[rule_doc]") {
  auto error_for = [](std::string markdown) {
    RuleInfo rule;
    return read_rule_markdown(markdown, rule);
  };
  auto replaced = [](std::string text, std::string_view from, std::string_view to) {
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  CHECK(error_for(replaced(kGood, "# SL999", "# SL998")).find("title") != std::string::npos);
  CHECK(error_for(replaced(kGood, "severity: warning", "severity: off")).find("severity") !=
        std::string::npos);
  CHECK(error_for(replaced(kGood, "7.5", "11")).find("security-severity") != std::string::npos);
  CHECK(error_for(replaced(kGood, "precision: medium", "colour: red")).find("colour") !=
        std::string::npos);
  CHECK(error_for(replaced(kGood, "tags: [kafka, tls]\n", "")).find("tags") != std::string::npos);
  CHECK(error_for(replaced(kGood, "---\n# SL999", "# SL999")).find("closing") != std::string::npos);
  std::string no_why = kGood;
  no_why.replace(no_why.find("## Why is this bad?"), 19, "## Why");
  CHECK(error_for(no_why).find("Why is this bad?") != std::string::npos);
  std::string unfenced = kGood;
  unfenced.replace(unfenced.find("```yaml\na: 2"), 8, "");
  CHECK(error_for(unfenced).find("Use instead") != std::string::npos);
  CHECK(!error_for("---\nid: SL999\nname: x\nseverity: note\ntags: [a]\n---\n# SL999 x\n").empty());
  CHECK(!error_for("").empty());
}

TEST_CASE("every rule has its Markdown beside its check, and nothing else is documented",
          "[rule_doc]") {
  auto rules = make_all_rules();
  CHECK(embedded_rule_docs().size() == rules.size());
  for (const auto& rule : rules) {
    INFO(rule->info().id);
    CHECK(!rule->info().summary.empty());
    CHECK(!rule->info().doc.example.empty());
  }
  CHECK_THROWS_AS(rule_info("SL999"), std::logic_error);
}
