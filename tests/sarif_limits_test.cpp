// SARIF output stays within GitHub code scanning's limits: the most severe
// results are kept and a toolExecutionNotification says what was dropped.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "linter/base/text.hpp"
#include "linter/report/sarif_limits.hpp"

using namespace seldon_lint;

namespace {

Report synthetic(Model& model, size_t errors, size_t notes) {
  SourceFile f;
  f.path = "values.yaml";
  f.text = "a: 1\n";
  f.line_starts = compute_line_starts(f.text);
  model.files.push_back(f);
  Report report;
  report.model = &model;
  report.root = "/repo";
  for (size_t i = 0; i < errors + notes; ++i) {
    Finding finding;
    finding.rule_id = i % 3 == 0 && i / 3 < errors ? "SL101" : "SL004";
    finding.severity = finding.rule_id == "SL101" ? Severity::Error : Severity::Note;
    finding.message = "finding " + std::to_string(i);
    finding.location = Location{0, Range{{1, 1, 0}, {1, 2, 0}}};
    report.findings.push_back(finding);
  }
  return report;
}

size_t count_level(const nlohmann::json& sarif, const std::string& level) {
  size_t n = 0;
  for (const auto& r : sarif["runs"][0]["results"]) n += r["level"] == level ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("SARIF within limits is unchanged", "[sarif-limits]") {
  Model model;
  Report report = synthetic(model, 3, 6);
  bool truncated = true;
  auto sarif = nlohmann::json::parse(render_sarif_within_limits(report, SarifLimits{}, &truncated));
  CHECK_FALSE(truncated);
  CHECK(sarif["runs"][0]["results"].size() == 9);
  CHECK(report.notes.empty());
}

TEST_CASE("too many results: the most severe are kept and a notification says so",
          "[sarif-limits]") {
  Model model;
  Report report = synthetic(model, 10, 50);
  const size_t errors =
      std::count_if(report.findings.begin(), report.findings.end(),
                    [](const Finding& f) { return f.severity == Severity::Error; });
  SarifLimits limits;
  limits.max_results = errors + 5;
  bool truncated = false;
  auto sarif = nlohmann::json::parse(render_sarif_within_limits(report, limits, &truncated));
  CHECK(truncated);
  CHECK(sarif["runs"][0]["results"].size() == errors + 5);
  CHECK(count_level(sarif, "error") == errors);
  auto notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.is_array());
  bool said = false;
  for (const auto& n : notes) {
    said = said || n["message"]["text"].get<std::string>().find("limited to") != std::string::npos;
  }
  CHECK(said);
}

TEST_CASE("too large: results are dropped until the log fits", "[sarif-limits]") {
  Model model;
  Report report = synthetic(model, 20, 400);
  SarifLimits limits;
  limits.max_bytes = 60000;
  bool truncated = false;
  std::string text = render_sarif_within_limits(report, limits, &truncated);
  CHECK(truncated);
  CHECK(text.size() <= limits.max_bytes);
  auto sarif = nlohmann::json::parse(text);
  CHECK(count_level(sarif, "error") > 0);
  CHECK(sarif["runs"][0]["results"].size() < 420);
}
