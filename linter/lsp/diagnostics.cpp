#include "linter/lsp/diagnostics.hpp"

#include <charconv>

#include "linter/lsp/uri.hpp"
#include "linter/report/rule_docs.hpp"

namespace seldon_lint::lsp {
namespace {

using nlohmann::json;

constexpr int kSeverityError = 1;
constexpr int kSeverityWarning = 2;
constexpr int kSeverityInformation = 3;
constexpr int kTagUnnecessary = 1;

int lsp_severity(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return kSeverityError;
    case Severity::Warning:
      return kSeverityWarning;
    default:
      return kSeverityInformation;
  }
}

json lsp_position(const SourceFile& file, const Position& position, Encoding encoding) {
  uint32_t line = position.line == 0 ? 1 : position.line;
  uint32_t column = position.column == 0 ? 1 : position.column;
  std::string_view text = file.line_text(line);
  return json{{"line", line - 1}, {"character", character_of_column(text, column, encoding)}};
}

json diagnostic(const Workspace& workspace, const Model& model, const Finding& finding,
                const RuleInfo* rule, Encoding encoding) {
  json d;
  d["range"] = lsp_range(model, finding.location, encoding);
  d["severity"] = lsp_severity(finding.severity);
  d["code"] = finding.rule_id;
  if (rule != nullptr) d["codeDescription"] = {{"href", rule_help_uri(*rule)}};
  d["source"] = "seldon-lint";
  d["message"] = rule != nullptr ? finding.message + " [" + rule->name + "]" : finding.message;
  json related = json::array();
  for (const auto& r : finding.related) {
    if (!r.location.known()) continue;
    related.push_back(
        {{"location",
          {{"uri", uri_of_path(workspace.absolute(model.files[r.location.file].path))},
           {"range", lsp_range(model, r.location, encoding)}}},
         {"message", r.message}});
  }
  if (!related.empty()) d["relatedInformation"] = std::move(related);
  if (finding.rule_id == "SL004") d["tags"] = json::array({kTagUnnecessary});
  return d;
}

// "FILE:LINE: message" -> the line (1-based), or 1.
uint32_t error_line(const std::string& error, const std::string& path) {
  if (error.compare(0, path.size() + 1, path + ":") != 0) return 1;
  uint32_t line = 1;
  const char* begin = error.data() + path.size() + 1;
  std::from_chars(begin, error.data() + error.size(), line);
  return line == 0 ? 1 : line;
}

json config_diagnostic(const Workspace& workspace) {
  const std::string& error = workspace.config_error();
  uint32_t line = error_line(error, workspace.config_path());
  json position = {{"line", line - 1}, {"character", 0}};
  return json{{"range", {{"start", position}, {"end", position}}},
              {"severity", kSeverityError},
              {"source", "seldon-lint"},
              {"message", "invalid configuration (linting with the defaults): " + error}};
}

}  // namespace

json lsp_range(const Model& model, const Location& location, Encoding encoding) {
  const SourceFile& file = model.files[location.file];
  const Range& range = location.range;
  json start = lsp_position(file, range.begin, encoding);
  json end = range.end.line == 0 ? start : lsp_position(file, range.end, encoding);
  return json{{"start", std::move(start)}, {"end", std::move(end)}};
}

std::map<std::string, json> diagnostics_by_uri(const Workspace& workspace, Encoding encoding) {
  std::map<std::string, json> out;
  const Model* model = workspace.model();
  if (model == nullptr) return out;
  std::map<std::string_view, const RuleInfo*> rules;
  for (const auto& rule : workspace.rules()) rules[rule->info().id] = &rule->info();
  for (const auto& finding : workspace.findings()) {
    if (!finding.location.known()) continue;
    auto rule = rules.find(finding.rule_id);
    const RuleInfo* info = rule == rules.end() ? nullptr : rule->second;
    std::string uri = uri_of_path(workspace.absolute(model->files[finding.location.file].path));
    json& list = out[uri];
    if (list.is_null()) list = json::array();
    list.push_back(diagnostic(workspace, *model, finding, info, encoding));
  }
  if (!workspace.config_error().empty()) {
    out[uri_of_path(workspace.config_path())] = json::array({config_diagnostic(workspace)});
  }
  return out;
}

}  // namespace seldon_lint::lsp
