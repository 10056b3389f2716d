// Inline suppressions: directive scanning per file kind, cross-file findings,
// expiry with an injected date, selection of SL003/SL004, and the pipeline's
// summary counts.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "linter/base/text.hpp"
#include "linter/cli/lint.hpp"
#include "linter/engine/suppressions.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

SourceFile source(std::string path, FileKind kind, std::string text) {
  SourceFile f;
  f.path = std::move(path);
  f.kind = kind;
  f.environment = "production";
  f.text = std::move(text);
  f.line_starts = compute_line_starts(f.text);
  return f;
}

Finding finding_at(const char* rule, FileId file, uint32_t line) {
  Finding f;
  f.rule_id = rule;
  f.severity = Severity::Error;
  f.message = "m";
  f.location.file = file;
  f.location.range.begin = Position{line, 1, 0};
  f.location.range.end = Position{line, 5, 0};
  return f;
}

std::vector<std::string> rules_of(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule_id);
  return out;
}

const Finding* find(const std::vector<Finding>& findings, const std::string& rule) {
  for (const auto& f : findings) {
    if (f.rule_id == rule) return &f;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("YAML directives: quotes, trailing and own-line targets, stacking", "[suppressions]") {
  SourceFile f = source("values.yaml", FileKind::Yaml,
                        "a: \"x # seldon-lint: ignore[SL101] quoted\"\n"              // 1
                        "b: 'y # seldon-lint: ignore[SL101] quoted'\n"                // 2
                        "c: it's # seldon-lint: ignore[SL101] after a plain quote\n"  // 3
                        "# seldon-lint: ignore[SL101] first\n"                        // 4
                        "# seldon-lint: ignore[SL102] second\n"                       // 5
                        "\n"                                                          // 6
                        "d: 1\n"                                                      // 7
                        "url: http://x#seldon-lint: not a comment\n"                  // 8
                        "  # seldon-lint: ignore[SL101] until=2030-01-01 dated  # expect: x\n");
  auto directives = scan_directives(f);
  REQUIRE(directives.size() == 4);
  CHECK(directives[0].range.begin.line == 3);
  CHECK(directives[0].target_line == 3);
  CHECK(directives[0].reason == "after a plain quote");
  CHECK(directives[1].target_line == 7);  // skips the stacked directive and the blank line
  CHECK(directives[2].target_line == 7);
  CHECK(directives[3].until == "2030-01-01");
  CHECK(directives[3].reason == "dated");
  CHECK(directives[3].problem.empty());
  CHECK(directives[3].range.begin.column == 3);
}

TEST_CASE("Terraform, Bicep and block-scalar directives", "[suppressions]") {
  SourceFile tf = source("main.tf", FileKind::Terraform,
                         "name = \"a // seldon-lint: ignore[SL401] in a string\"\n"
                         "sku = \"Basic\" # seldon-lint: ignore[SL401] hash comment\n"
                         "sku = \"Basic\" // seldon-lint: ignore[SL401] slash comment\n");
  auto t = scan_directives(tf);
  REQUIRE(t.size() == 2);
  CHECK(t[0].target_line == 2);
  CHECK(t[1].target_line == 3);

  SourceFile bicep = source("main.bicep", FileKind::Bicep,
                            "name: 'x // seldon-lint: ignore[SL401] string'\n"
                            "# seldon-lint: ignore[SL401] not a Bicep comment\n"
                            "// seldon-lint: ignore[SL401] reason\n"
                            "sku: 'Basic'\n");
  auto b = scan_directives(bicep);
  REQUIRE(b.size() == 1);
  CHECK(b[0].target_line == 4);

  // Argo CD inline values: YAML lines inside a block scalar are lines of the file.
  SourceFile argo = source("app.yaml", FileKind::Yaml,
                           "spec:\n"
                           "  source:\n"
                           "    helm:\n"
                           "      values: |\n"
                           "        security:\n"
                           "          kafka:\n"
                           "            # seldon-lint: ignore[SL101] lab cluster\n"
                           "            protocol: PLAINTEXT\n");
  auto a = scan_directives(argo);
  REQUIRE(a.size() == 1);
  CHECK(a[0].target_line == 8);
}

TEST_CASE("malformed directives are recognised", "[suppressions]") {
  SourceFile f = source("v.yaml", FileKind::Yaml,
                        "# seldon-lint: ignore[SL101]\n"
                        "# seldon-lint: ignore SL101 reason\n"
                        "# seldon-lint: disable[SL101] reason\n"
                        "# seldon-lint ignore[SL101] reason\n"
                        "# seldon-lint: ignore[] reason\n"
                        "# seldon-lint: ignore[SL101]reason\n"
                        "# seldon-lint: ignore[SL101] until=2030-02-30 reason\n"
                        "# seldon-lint is great\n"
                        "# seldon-lint: ignore[SL101] TODO: reason\n"
                        "# seldon-lint: ignore[SL101] TODO: reason the broker is internal\n");
  auto d = scan_directives(f);
  REQUIRE(d.size() == 9);
  CHECK(d[0].problem == "no-reason");
  for (size_t i = 1; i <= 5; ++i) CHECK(d[i].problem == "malformed");
  CHECK(d[6].problem == "bad-date");
  CHECK(d[7].problem == "no-reason");  // the editor's placeholder is not a reason
  CHECK(d[8].problem.empty());
}

TEST_CASE("a directive at a related location silences a cross-file finding", "[suppressions]") {
  Model model;
  model.files.push_back(source("values.yaml", FileKind::Yaml, "a: 1\nb: 2\nc: 3\n"));
  model.files.push_back(source("secret.yaml", FileKind::Yaml,
                               "# seldon-lint: ignore[SL301] created by the platform team\n"
                               "name: kafka-sasl\n"));
  auto rules = make_all_rules();
  std::vector<Finding> findings{finding_at("SL301", 0, 3)};
  findings[0].related.push_back(RelatedLocation{Location{1, Range{{2, 1, 0}, {2, 5, 0}}}, "x"});
  findings.push_back(finding_at("SL301", 0, 2));  // no related location: stays
  apply_suppressions(findings, model, rules, RuleSelection{}, SuppressionOptions{});
  CHECK(findings[0].suppressed);
  CHECK(findings[0].suppression_kind == "inSource");
  CHECK(findings[0].suppression_reason == "created by the platform team");
  CHECK_FALSE(findings[1].suppressed);
  CHECK(rules_of(findings) == std::vector<std::string>{"SL301", "SL301"});  // directive used
}

TEST_CASE("until= expiry uses the injected date", "[suppressions]") {
  Model model;
  model.files.push_back(source("v.yaml", FileKind::Yaml,
                               "# seldon-lint: ignore[SL101] until=2026-01-31 rollout\n"
                               "protocol: PLAINTEXT\n"));
  auto rules = make_all_rules();
  SuppressionOptions options;
  options.today = "2026-01-31";  // the last day still counts
  std::vector<Finding> findings{finding_at("SL101", 0, 2)};
  apply_suppressions(findings, model, rules, RuleSelection{}, options);
  CHECK(findings[0].suppressed);
  CHECK(findings.size() == 1);

  options.today = "2026-02-01";
  findings = {finding_at("SL101", 0, 2)};
  apply_suppressions(findings, model, rules, RuleSelection{}, options);
  CHECK_FALSE(findings[0].suppressed);
  const Finding* sl003 = find(findings, "SL003");
  REQUIRE(sl003 != nullptr);
  CHECK(sl003->message.find("expired on 2026-01-31") != std::string::npos);
  CHECK(sl003->location.range.begin.line == 1);
  CHECK(sl003->severity == Severity::Warning);
}

TEST_CASE("ids, names and group prefixes select, file directives cover the file",
          "[suppressions]") {
  Model model;
  model.files.push_back(source("v.yaml", FileKind::Yaml,
                               "# seldon-lint: ignore-file[SL3] secrets managed elsewhere\n"
                               "a: 1  # seldon-lint: ignore[plaintext-kafka-in-production] lab\n"
                               "b: 2\n"));
  auto rules = make_all_rules();
  std::vector<Finding> findings{finding_at("SL101", 0, 2), finding_at("SL301", 0, 3),
                                finding_at("SL101", 0, 3)};
  apply_suppressions(findings, model, rules, RuleSelection{}, SuppressionOptions{});
  CHECK(findings[0].suppressed);
  CHECK(findings[1].suppressed);
  CHECK_FALSE(findings[2].suppressed);
  CHECK(findings.size() == 3);
}

TEST_CASE("SL003/SL004 follow --select/--ignore and severity overrides", "[suppressions]") {
  Model model;
  model.files.push_back(source("v.yaml", FileKind::Yaml,
                               "# seldon-lint: ignore[SL101] unused\n"
                               "a: 1\n"
                               "# seldon-lint: ignore[SL101]\n"
                               "b: 2\n"
                               "# seldon-lint: ignore[SL303] other group\n"
                               "c: 3\n"));
  auto rules = make_all_rules();
  auto run = [&](const RuleSelection& selection) {
    std::vector<Finding> findings;
    apply_suppressions(findings, model, rules, selection, SuppressionOptions{});
    return findings;
  };
  auto all = run(RuleSelection{});
  CHECK(rules_of(all) == std::vector<std::string>{"SL003", "SL004", "SL004"});
  CHECK(find(all, "SL004")->severity == Severity::Note);

  RuleSelection only_sl1;
  only_sl1.select = {"SL1", "SL0"};  // SL303 did not run: its directive is not judged
  CHECK(rules_of(run(only_sl1)) == std::vector<std::string>{"SL003", "SL004"});

  RuleSelection ignored;
  ignored.ignore = {"unused-suppression"};
  CHECK(rules_of(run(ignored)) == std::vector<std::string>{"SL003"});

  RuleSelection severities;
  severities.severity["SL003"] = Severity::Off;
  severities.severity["SL004"] = Severity::Error;
  auto out = run(severities);
  CHECK(rules_of(out) == std::vector<std::string>{"SL004", "SL004"});
  CHECK(out[0].severity == Severity::Error);

  SuppressionOptions off;
  off.inline_suppressions = false;
  std::vector<Finding> findings{finding_at("SL101", 0, 2)};
  apply_suppressions(findings, model, rules, RuleSelection{}, off);
  CHECK(findings.size() == 1);
  CHECK_FALSE(findings[0].suppressed);
}

TEST_CASE("an SL004 can itself be silenced by a file directive", "[suppressions]") {
  Model model;
  model.files.push_back(source("v.yaml", FileKind::Yaml,
                               "# seldon-lint: ignore-file[SL004] generated file\n"
                               "# seldon-lint: ignore[SL101] nothing below\n"
                               "a: 1\n"));
  auto rules = make_all_rules();
  std::vector<Finding> findings;
  apply_suppressions(findings, model, rules, RuleSelection{}, SuppressionOptions{});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule_id == "SL004");
  CHECK(findings[0].suppressed);
}

TEST_CASE("the pipeline counts suppressed findings and honours the flags", "[suppressions]") {
  fs::path root = fs::temp_directory_path() / "seldon-lint-suppressions-test";
  fs::remove_all(root);
  fs::create_directories(root / "clusters/prod/seldon");
  {
    std::ofstream out(root / "clusters/prod/seldon/components-values.yaml");
    out << "security:\n"
           "  kafka:\n"
           "    protocol: PLAINTEXT  # seldon-lint: ignore[SL101] lab cluster without TLS\n"
           "kafka:\n"
           "  bootstrap: kafka.kafka.svc:9092\n"
           "  topics:\n"
           "    replicationFactor: 3\n";
  }
  LintOptions options;
  options.root = root.string();
  options.paths = {root.string()};
  LintResult result = lint(options);
  CHECK(result.findings.empty());
  CHECK(result.summary.suppressed == 1);
  CHECK(result.summary.findings == 0);

  options.include_suppressed = true;
  result = lint(options);
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].suppressed);
  CHECK(result.findings[0].suppression_reason == "lab cluster without TLS");

  options.include_suppressed = false;
  options.inline_suppressions = false;
  result = lint(options);
  CHECK(rules_of(result.findings) == std::vector<std::string>{"SL101"});
  CHECK(result.summary.suppressed == 0);
  fs::remove_all(root);
}
