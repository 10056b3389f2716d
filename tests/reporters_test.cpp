// The four report writers on a hand-built model.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/report/report.hpp"

using namespace seldon_lint;
using nlohmann::json;

namespace {

const char* const kValues =
    "security:\n"
    "  kafka:\n"
    "    protocol: PLAINTEXT\n"
    "kafka:\n"
    "  bootstrap: \"br\xC3\xB6ker:9092\"\n";

const char* const kSecret =
    "apiVersion: v1\n"
    "kind: Secret\n"
    "metadata:\n"
    "  name: kafka-sasl\n"
    "stringData:\n"
    "  password: hunter2-very-secret\n";

const char* const kHelmRelease =
    "apiVersion: helm.toolkit.fluxcd.io/v2\n"
    "kind: HelmRelease\n"
    "metadata:\n"
    "  name: seldon core\n";

SourceFile make_file(std::string path, std::string text) {
  SourceFile f;
  f.path = std::move(path);
  f.environment = "production";
  f.text = std::move(text);
  f.line_starts = compute_line_starts(f.text);
  f.relevant = true;
  return f;
}

Location at(FileId file, uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col) {
  Location l;
  l.file = file;
  l.range.begin.line = line;
  l.range.begin.column = col;
  l.range.end.line = end_line;
  l.range.end.column = end_col;
  return l;
}

RuleInfo make_rule(std::string id, std::string name, Severity sev, double sec) {
  RuleInfo r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.severity = sev;
  r.tags = {"kafka"};
  r.security_severity = sec;
  r.summary = "Summary of " + r.name;
  r.doc.what = "Checks " + r.name + ".";
  r.doc.why = "Because it matters.";
  r.doc.example = "security:\n  kafka:\n    protocol: PLAINTEXT\n";
  r.doc.fix = "security:\n  kafka:\n    protocol: SASL_SSL\n";
  return r;
}

struct Fixture {
  Model model;
  std::vector<RuleInfo> rule_infos;
  Report report;

  Fixture() {
    model.files.push_back(make_file("clusters/prod eu/values.yaml", kValues));
    model.files.push_back(make_file("clusters/prod eu/secret.yaml", kSecret));
    model.files.push_back(make_file("clusters/prod eu/helmrelease.yaml", kHelmRelease));
    model.files.push_back(make_file("clusters/dev/broken.bin", ""));
    InputProblem problem;
    problem.rule_id = "SL002";
    problem.location.file = 3;
    problem.message = "clusters/dev/broken.bin is not UTF-8";
    model.problems.push_back(problem);

    rule_infos.push_back(make_rule("SL002", "unreadable-input", Severity::Warning, -1));
    rule_infos.push_back(make_rule("SL101", "plaintext-kafka-in-production", Severity::Error, 8.0));
    rule_infos.push_back(
        make_rule("SL103", "broker-hostname-verification-off", Severity::Warning, 5.0));
    rule_infos.push_back(
        make_rule("SL304", "plaintext-credential-committed", Severity::Error, 9.0));
    rule_infos.back().points_at_secret = true;
    rule_infos.push_back(make_rule("SL403", "kafka-bootstrap-invalid", Severity::Error, -1));

    report.model = &model;
    for (const RuleInfo& r : rule_infos) report.rules.push_back(&r);
    report.root = "/work/my repo";
    report.tool_version = "0.1.0";

    Finding plaintext;
    plaintext.rule_id = "SL101";
    plaintext.severity = Severity::Error;
    plaintext.message = "security.kafka.protocol is PLAINTEXT in production; use SASL_SSL";
    plaintext.location = at(0, 3, 15, 3, 24);
    plaintext.related.push_back({at(2, 4, 9, 4, 20), "the release"});
    plaintext.related.push_back({Location{}, "chart default"});
    plaintext.related.push_back({at(1, 4, 9, 4, 19), "runtime [ns]"});
    plaintext.environment = "production";
    plaintext.fingerprint = "abc123:1";
    report.findings.push_back(plaintext);

    Finding bootstrap;
    bootstrap.rule_id = "SL403";
    bootstrap.severity = Severity::Warning;
    bootstrap.message = "kafka.bootstrap: 50%, bad\nhost";
    bootstrap.location = at(0, 5, 14, 5, 27);
    bootstrap.environment = "production";
    bootstrap.fingerprint = "def456:1";
    report.findings.push_back(bootstrap);

    Finding credential;
    credential.rule_id = "SL304";
    credential.severity = Severity::Error;
    credential.message = "Secret kafka-sasl commits the SASL password in plain text";
    credential.location = at(1, 6, 13, 6, 32);
    credential.fingerprint = "0ff1ce:1";
    credential.suppressed = true;
    credential.suppression_kind = "inSource";
    credential.suppression_reason = "test cluster only";
    report.findings.push_back(credential);

    Finding global;
    global.rule_id = "SL103";
    global.severity = Severity::Note;
    global.message = "chart default applies";
    global.fingerprint = "9:1";
    report.findings.push_back(global);

    report.summary.files = 42;
    report.summary.findings = 3;
    report.summary.errors = 1;
    report.summary.warnings = 1;
    report.summary.notes = 1;
    report.summary.suppressed = 1;
  }
};

template <typename Writer>
std::string render(const Report& report, Writer writer) {
  std::ostringstream out;
  writer(report, out);
  return out.str();
}

std::string text_of(const Report& report, bool color = false) {
  std::ostringstream out;
  write_text(report, out, color);
  return out.str();
}

std::string sarif_of(const Report& report) {
  return render(report, write_sarif);
}

}  // namespace

TEST_CASE("text output with --quiet: findings only, no summary line or notes", "[reporters]") {
  Fixture fx;
  fx.report.notes.push_back("1 baseline entry is stale; rewrite with --write-baseline");
  std::ostringstream out;
  write_text(fx.report, out, false, /*summary=*/false);
  CAPTURE(out.str());
  CHECK(out.str().find("error[SL101 plaintext-kafka-in-production]") != std::string::npos);
  CHECK(out.str().find("Found ") == std::string::npos);
  CHECK(out.str().find("baseline") == std::string::npos);
  CHECK(text_of(fx.report).find("Found 3 findings") != std::string::npos);
}

TEST_CASE("text output: header, caret, notes, summary", "[reporters]") {
  Fixture fx;
  const std::string out = text_of(fx.report);
  CAPTURE(out);
  CHECK(out.find("clusters/prod eu/values.yaml:3:15: error[SL101 plaintext-kafka-in-production] "
                 "security.kafka.protocol is PLAINTEXT") != std::string::npos);
  CHECK(out.find("    3 |     protocol: PLAINTEXT\n      |               ^^^^^^^^^\n") !=
        std::string::npos);
  CHECK(out.find("  note: clusters/prod eu/helmrelease.yaml:4:9: the release\n") !=
        std::string::npos);
  CHECK(out.find("  note: <repository>: chart default\n") != std::string::npos);
  // Columns count code points: the caret under "bröker:9092" has 13 carets.
  CHECK(out.find("      |              ^^^^^^^^^^^^^\n") != std::string::npos);
  CHECK(out.find("<repository>: note[SL103 broker-hostname-verification-off] chart default") !=
        std::string::npos);
  CHECK(out.find("(suppressed: test cluster only)") != std::string::npos);
  CHECK(out.find("Found 3 findings (1 error, 1 warning, 1 note) in 42 files; 1 suppressed.\n") !=
        std::string::npos);
  CHECK(out.find("\x1b[") == std::string::npos);
  CHECK(text_of(fx.report, true).find("\x1b[") != std::string::npos);
}

TEST_CASE("text output never shows a secret's source line", "[reporters]") {
  Fixture fx;
  CHECK(text_of(fx.report).find("hunter2") == std::string::npos);
  // Even a rule that does not point at secrets gets no snippet in a Secret file.
  fx.report.findings[2].rule_id = "SL101";
  CHECK(text_of(fx.report).find("hunter2") == std::string::npos);
  // Nor from a line that looks like a credential in any other file.
  fx.model.files[0].text = "sasl:\n  password: hunter2\n";
  fx.model.files[0].line_starts = compute_line_starts(fx.model.files[0].text);
  fx.report.findings[0].location = at(0, 2, 3, 2, 11);
  CHECK(text_of(fx.report).find("hunter2") == std::string::npos);
}

TEST_CASE("text output: multi-line range and empty report", "[reporters]") {
  Fixture fx;
  fx.report.findings.resize(1);
  fx.report.findings[0].location = at(0, 1, 1, 3, 5);
  const std::string out = text_of(fx.report);
  CHECK(out.find("    1 | security:\n      | ^^^^^^^^^\n") != std::string::npos);

  fx.report.findings.clear();
  fx.report.summary = Summary{};
  fx.report.summary.files = 1;
  fx.report.notes.push_back("baseline: 2 entries no longer match");
  CHECK(text_of(fx.report) == "No findings in 1 file.\nbaseline: 2 entries no longer match\n");
}

TEST_CASE("display_path", "[reporters]") {
  Fixture fx;
  CHECK(display_path(fx.model, at(0, 3, 15, 3, 24)) == "clusters/prod eu/values.yaml:3:15");
  CHECK(display_path(fx.model, Location{}) == "<repository>");
  Location whole_file;
  whole_file.file = 3;
  CHECK(display_path(fx.model, whole_file) == "clusters/dev/broken.bin");
}

TEST_CASE("json output has the documented shape", "[reporters]") {
  Fixture fx;
  const std::string out = render(fx.report, write_json);
  REQUIRE(!out.empty());
  CHECK(out.back() == '\n');
  const json j = json::parse(out);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  // nlohmann::json sorts keys; check the serialised order separately.
  CHECK(out.find("\"version\"") < out.find("\"findings\""));
  CHECK(out.find("\"findings\"") < out.find("\"summary\""));
  CHECK(j.size() == 3);
  CHECK(j["version"] == "0.1.0");
  REQUIRE(j["findings"].size() == 4);

  const json& f = j["findings"][0];
  const std::set<std::string> expected = {"rule",       "name",        "severity", "message",
                                          "file",       "line",        "column",   "end_line",
                                          "end_column", "environment", "related",  "fingerprint"};
  std::set<std::string> actual;
  for (auto it = f.begin(); it != f.end(); ++it) actual.insert(it.key());
  CHECK(actual == expected);
  CHECK(f["rule"] == "SL101");
  CHECK(f["name"] == "plaintext-kafka-in-production");
  CHECK(f["severity"] == "error");
  CHECK(f["file"] == "clusters/prod eu/values.yaml");
  CHECK(f["line"] == 3);
  CHECK(f["column"] == 15);
  CHECK(f["end_line"] == 3);
  CHECK(f["end_column"] == 24);
  CHECK(f["environment"] == "production");
  CHECK(f["fingerprint"] == "abc123:1");
  REQUIRE(f["related"].size() == 3);
  CHECK(f["related"][0] == json({{"file", "clusters/prod eu/helmrelease.yaml"},
                                 {"line", 4},
                                 {"column", 9},
                                 {"message", "the release"}}));
  CHECK(f["related"][1]["file"].is_null());
  CHECK(out.find("\"rule\": \"SL101\",\n      \"name\"") != std::string::npos);

  const json& suppressed = j["findings"][2];
  CHECK(suppressed["suppressed"] == true);
  CHECK(suppressed["suppression"] == json({{"kind", "inSource"}, {"reason", "test cluster only"}}));
  CHECK_FALSE(f.contains("suppressed"));
  CHECK(j["findings"][3]["file"].is_null());
  CHECK(j["findings"][3]["line"].is_null());

  CHECK(j["summary"] == json({{"files", 42},
                              {"findings", 3},
                              {"errors", 1},
                              {"warnings", 1},
                              {"notes", 1},
                              {"suppressed", 1}}));
  CHECK(out.find("hunter2") == std::string::npos);
}

TEST_CASE("sarif output: rules, results, links, determinism", "[reporters]") {
  Fixture fx;
  const std::string out = sarif_of(fx.report);
  CHECK(out == sarif_of(fx.report));
  CHECK(out.find("hunter2") == std::string::npos);
  CHECK(out.find("snippet") == std::string::npos);
  const json log = json::parse(out);
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "seldon-lint");
  CHECK(driver["version"] == "0.1.0");
  CHECK(driver["semanticVersion"] == "0.1.0");
  CHECK(driver["informationUri"] == "https://github.com/seldon-lint/seldon-lint");

  // Every rule, with full metadata.
  const json& rules = driver["rules"];
  REQUIRE(rules.size() == fx.rule_infos.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const json& rule = rules[i];
    CAPTURE(rule.dump());
    CHECK(rule["id"] == fx.rule_infos[i].id);
    CHECK(rule["name"] == fx.rule_infos[i].name);
    CHECK(rule["shortDescription"]["text"] == fx.rule_infos[i].summary);
    CHECK(rule["fullDescription"]["text"] == fx.rule_infos[i].doc.what);
    CHECK(rule["help"]["text"].get<std::string>().find("Why is this bad?") != std::string::npos);
    const std::string md = rule["help"]["markdown"];
    CHECK(md.find("What it does") != std::string::npos);
    CHECK(md.find("Use instead\n\n```yaml\nsecurity:\n") != std::string::npos);
    CHECK(rule["helpUri"] == "https://github.com/seldon-lint/seldon-lint/blob/main/docs/rules/" +
                                 fx.rule_infos[i].id + ".md");
    CHECK(rule["defaultConfiguration"]["level"] == severity_name(fx.rule_infos[i].severity));
    CHECK(rule["properties"]["precision"] == "high");
    const json& tags = rule["properties"]["tags"];
    const bool has_security = std::find(tags.begin(), tags.end(), json("security")) != tags.end();
    if (fx.rule_infos[i].security_severity >= 0) {
      CHECK(has_security);
      REQUIRE(rule["properties"]["security-severity"].is_string());
    } else {
      CHECK_FALSE(has_security);
      CHECK_FALSE(rule["properties"].contains("security-severity"));
    }
  }
  CHECK(rules[1]["properties"]["security-severity"] == "8.0");

  // No automationDetails unless --sarif-category: it would override the upload's category.
  CHECK_FALSE(run.contains("automationDetails"));
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///work/my%20repo/");

  // Suppressed findings are present only because the report includes them.
  const json& results = run["results"];
  REQUIRE(results.size() == 4);
  for (const json& result : results) {
    CAPTURE(result.dump());
    const size_t index = result["ruleIndex"];
    REQUIRE(index < rules.size());
    CHECK(rules[index]["id"] == result["ruleId"]);
    // Each embedded link names an existing related location, and each related
    // location is referenced.
    const std::string text = result["message"]["text"];
    std::set<int> ids;
    if (result.contains("relatedLocations")) {
      for (const json& rel : result["relatedLocations"]) {
        const int id = rel["id"];
        ids.insert(id);
        CHECK(text.find("](" + std::to_string(id) + ")") != std::string::npos);
      }
    }
    for (size_t p = text.find("]("); p != std::string::npos; p = text.find("](", p + 1)) {
      const int id = std::stoi(text.substr(p + 2));
      CHECK(ids.count(id) == 1);
    }
  }

  const json& first = results[0];
  CHECK(first["level"] == "error");
  CHECK(first["message"]["text"] ==
        "security.kafka.protocol is PLAINTEXT in production; use SASL_SSL (see [the "
        "release](1), chart default, [runtime \\[ns\\]](2))");
  const json& phys = first["locations"][0]["physicalLocation"];
  CHECK(phys["artifactLocation"]["uri"] == "clusters/prod%20eu/values.yaml");
  CHECK(phys["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(phys["artifactLocation"]["index"] == 0);
  CHECK(phys["region"] ==
        json({{"startLine", 3}, {"startColumn", 15}, {"endLine", 3}, {"endColumn", 24}}));
  REQUIRE(first["relatedLocations"].size() == 2);
  CHECK(first["relatedLocations"][0]["message"]["text"] == "the release");
  CHECK(first["partialFingerprints"]["primaryLocationLineHash"] == "abc123:1");
  CHECK_FALSE(first.contains("suppressions"));

  // Artifacts in first-use order, indexes consistent.
  const json& artifacts = run["artifacts"];
  REQUIRE(artifacts.size() == 3);
  CHECK(artifacts[0]["location"]["uri"] == "clusters/prod%20eu/values.yaml");
  CHECK(artifacts[1]["location"]["uri"] == "clusters/prod%20eu/helmrelease.yaml");
  CHECK(artifacts[2]["location"]["uri"] == "clusters/prod%20eu/secret.yaml");
  CHECK(first["relatedLocations"][1]["physicalLocation"]["artifactLocation"]["index"] == 2);

  const json& suppressed = results[2];
  CHECK(suppressed["suppressions"] ==
        json::array({{{"kind", "inSource"}, {"justification", "test cluster only"}}}));

  CHECK_FALSE(results[3].contains("locations"));

  const json& invocation = run["invocations"][0];
  CHECK(invocation["executionSuccessful"] == true);
  REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
  const json& note = invocation["toolExecutionNotifications"][0];
  CHECK(note["descriptor"]["id"] == "SL002");
  CHECK(note["level"] == "warning");
  CHECK(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "clusters/dev/broken.bin");
}

TEST_CASE("sarif output: SL304 never carries the secret", "[reporters]") {
  Fixture fx;
  fx.report.findings.erase(fx.report.findings.begin(), fx.report.findings.begin() + 2);
  fx.report.findings[0].suppressed = false;
  const std::string out = sarif_of(fx.report);
  CHECK(out.find("hunter2") == std::string::npos);
  CHECK(render(fx.report, write_json).find("hunter2") == std::string::npos);
  CHECK(render(fx.report, write_github).find("hunter2") == std::string::npos);
  CHECK(text_of(fx.report).find("hunter2") == std::string::npos);
}

// interfaces.md: `::error file=…,line=…,col=…,title=SLnnn…::msg`: the title is the rule
// id and name, and the related locations follow the message, one `note:` line each.
TEST_CASE("github output: workflow commands with escaping", "[reporters]") {
  Fixture fx;
  const std::string out = render(fx.report, write_github);
  CHECK(out ==
        "::error file=clusters/prod eu/values.yaml,line=3,col=15,endLine=3,endColumn=24,"
        "title=SL101 plaintext-kafka-in-production::security.kafka.protocol is PLAINTEXT in "
        "production; use SASL_SSL%0Anote: clusters/prod eu/helmrelease.yaml:4:9: the release"
        "%0Anote: chart default%0Anote: clusters/prod eu/secret.yaml:4:9: runtime [ns]\n"
        "::warning file=clusters/prod eu/values.yaml,line=5,col=14,endLine=5,endColumn=27,"
        "title=SL403 kafka-bootstrap-invalid::kafka.bootstrap: 50%25, bad%0Ahost\n"
        "::notice title=SL103 broker-hostname-verification-off::chart default applies\n");
}

TEST_CASE("sarif output: automationDetails.id only with --sarif-category", "[reporters]") {
  Fixture fx;
  CHECK_FALSE(json::parse(sarif_of(fx.report))["runs"][0].contains("automationDetails"));
  fx.report.sarif_category = "seldon-lint-prod";
  json run = json::parse(sarif_of(fx.report))["runs"][0];
  CHECK(run["automationDetails"] == json{{"id", "seldon-lint-prod/"}});
}

// GitLab Code Quality: the keys the merge-request widget reads, severity from
// level and security-severity, one unique fingerprint per finding.
TEST_CASE("gitlab output: code quality issues", "[reporters]") {
  Fixture fx;
  // The suppressed SL304 (security-severity 9) reported as an error: a blocker.
  fx.report.findings[2].suppressed = false;
  // Two findings with the same content fingerprint must stay two issues.
  fx.report.findings.push_back(fx.report.findings[1]);
  json issues = json::parse(render(fx.report, write_gitlab));
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == 5);
  std::set<std::string> fingerprints;
  for (const json& issue : issues) {
    for (const char* key : {"description", "check_name", "fingerprint", "severity"})
      CHECK(issue[key].is_string());
    CHECK(issue["location"]["path"].is_string());
    CHECK(issue["location"]["lines"]["begin"].get<int>() >= 1);
    fingerprints.insert(issue["fingerprint"].get<std::string>());
  }
  CHECK(fingerprints.size() == issues.size());
  CHECK(issues[0]["check_name"] == "SL101");
  CHECK(issues[0]["severity"] == "critical");  // error, security-severity 8
  CHECK(issues[0]["location"]["path"] == "clusters/prod eu/values.yaml");
  CHECK(issues[0]["location"]["lines"]["begin"] == 3);
  // The evidence is in the description.
  CHECK(issues[0]["description"].get<std::string>().find(
            "clusters/prod eu/secret.yaml:4:9: runtime [ns]") != std::string::npos);
  CHECK(issues[1]["severity"] == "major");      // warning
  CHECK(issues[2]["severity"] == "blocker");    // error, security-severity 9
  CHECK(issues[3]["severity"] == "info");       // note
  CHECK(issues[3]["location"]["path"] == ".");  // no file: the repository
  // Fingerprints do not depend on the line (stable when unrelated lines move).
  Fixture moved;
  moved.report.findings[0].location.range.begin.line = 30;
  json again = json::parse(render(moved.report, write_gitlab));
  CHECK(again[0]["fingerprint"] == issues[0]["fingerprint"]);
  // Suppressed findings are left out.
  CHECK(json::parse(render(Fixture().report, write_gitlab)).size() == 3);
}

TEST_CASE("statistics: findings per rule, most first", "[reporters]") {
  Fixture fx;
  fx.report.findings.push_back(fx.report.findings[1]);
  CHECK(render(fx.report, write_statistics) ==
        "    2  SL403  kafka-bootstrap-invalid\n"
        "    1  SL101  plaintext-kafka-in-production\n"
        "    1  SL103  broker-hostname-verification-off\n"
        "    4  total\n");
}
