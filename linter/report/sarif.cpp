// SARIF 2.1.0 output for code scanning (interfaces.md "Output formats").
// Deterministic: no timestamps, stable order, so two runs give the same bytes.
// Never a code snippet (`region.snippet`) and never a secret value.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/report/report.hpp"
#include "linter/report/report_common.hpp"
#include "linter/report/rule_docs.hpp"

namespace seldon_lint {

namespace {

using nlohmann::ordered_json;
using report_detail::file_of;
using report_detail::level_name;
using report_detail::rule_index;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/seldon-lint/seldon-lint";
constexpr std::string_view kSrcRoot = "%SRCROOT%";

// Percent-encodes everything but RFC 3986 unreserved characters and '/'.
std::string percent_encode(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

std::string root_uri(std::string root) {
  for (char& c : root) {
    if (c == '\\') c = '/';
  }
  if (root.empty() || root.front() != '/') root.insert(root.begin(), '/');
  if (root.back() != '/') root += '/';
  return "file://" + percent_encode(root);
}

// SARIF embedded-link text: literal brackets and backslashes are escaped.
std::string escape_link_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A plain-text message may contain "[x](y)" by accident; escape brackets then,
// so that viewers do not turn it into a link.
std::string escape_message(std::string_view s) {
  if (s.find("](") == std::string_view::npos) return std::string(s);
  return escape_link_text(s);
}

ordered_json message(std::string_view text) {
  ordered_json m;
  m["text"] = text;
  return m;
}

ordered_json rule_json(const RuleInfo& rule) {
  ordered_json j;
  j["id"] = rule.id;
  j["name"] = rule.name;
  j["shortDescription"] = message(rule.summary.empty() ? rule.name : rule.summary);
  j["fullDescription"] =
      message(rule.doc.what.empty() ? (rule.summary.empty() ? rule.name : rule.summary)
                                    : std::string(trim(rule.doc.what)));
  ordered_json help;
  help["text"] = rule_help_text(rule);
  help["markdown"] = rule_help_markdown(rule);
  j["help"] = std::move(help);
  j["helpUri"] = rule_help_uri(rule);
  ordered_json config;
  config["level"] = level_name(rule.severity);
  j["defaultConfiguration"] = std::move(config);
  ordered_json props;
  std::vector<std::string> tags = rule.tags;
  const bool security = rule.security_severity >= 0;
  if (security) {
    bool has = false;
    for (const auto& t : tags) has = has || t == "security";
    if (!has) tags.emplace_back("security");
  }
  props["tags"] = tags;
  props["precision"] = rule.precision.empty() ? std::string("high") : rule.precision;
  if (security) props["security-severity"] = fmt::format("{:.1f}", rule.security_severity);
  j["properties"] = std::move(props);
  return j;
}

class SarifWriter {
 public:
  explicit SarifWriter(const Report& report) : report_(report) {}

  ordered_json build() {
    ordered_json results = ordered_json::array();
    for (const Finding& finding : report_.findings) results.push_back(result_json(finding));

    ordered_json driver;
    driver["name"] = "seldon-lint";
    if (!report_.tool_version.empty()) {
      driver["version"] = report_.tool_version;
      driver["semanticVersion"] = report_.tool_version;
    }
    driver["informationUri"] = kInformationUri;
    ordered_json rules = ordered_json::array();
    for (const RuleInfo* rule : report_.rules) {
      if (rule != nullptr) rules.push_back(rule_json(*rule));
    }
    driver["rules"] = std::move(rules);

    ordered_json notifications = notifications_json();
    if (!notifications.empty()) {
      ordered_json descriptor;
      descriptor["id"] = "SL002";
      descriptor["name"] = "unreadable-input";
      descriptor["shortDescription"] = message("A file that cannot be linted.");
      descriptor["defaultConfiguration"]["level"] = "warning";
      driver["notifications"] = ordered_json::array({descriptor});
    }

    ordered_json run;
    run["tool"]["driver"] = std::move(driver);
    // GitHub's upload-sarif sets its `category` only when the log has no
    // automationDetails.id: a preset id would override the user's category.
    if (!report_.sarif_category.empty()) {
      ordered_json automation;
      automation["id"] = report_.sarif_category + "/";
      run["automationDetails"] = std::move(automation);
    }
    run["columnKind"] = "unicodeCodePoints";
    if (!report_.root.empty()) {
      run["originalUriBaseIds"][std::string(kSrcRoot)]["uri"] = root_uri(report_.root);
    }
    if (!artifacts_.empty()) run["artifacts"] = artifacts_;
    // Run-level notes (output truncated to GitHub's limits, stale baseline entries).
    for (const std::string& note : report_.notes) {
      ordered_json n;
      n["level"] = "note";
      n["message"] = message(note);
      notifications.push_back(std::move(n));
    }
    ordered_json invocation;
    invocation["executionSuccessful"] = true;
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
    run["invocations"] = ordered_json::array({std::move(invocation)});
    run["results"] = std::move(results);

    ordered_json log;
    log["$schema"] = kSchema;
    log["version"] = "2.1.0";
    log["runs"] = ordered_json::array({std::move(run)});
    return log;
  }

 private:
  size_t artifact_index(const SourceFile& file) {
    auto it = artifact_ids_.find(file.path);
    if (it != artifact_ids_.end()) return it->second;
    size_t index = artifacts_.size();
    artifact_ids_.emplace(file.path, index);
    ordered_json artifact;
    artifact["location"]["uri"] = percent_encode(file.path);
    artifact["location"]["uriBaseId"] = kSrcRoot;
    artifacts_.push_back(std::move(artifact));
    return index;
  }

  // Physical location of a known file; `with_index` links it to artifacts[].
  ordered_json physical_location(const SourceFile& file, const Range& range, bool with_index) {
    ordered_json p;
    p["artifactLocation"]["uri"] = percent_encode(file.path);
    p["artifactLocation"]["uriBaseId"] = kSrcRoot;
    if (with_index) p["artifactLocation"]["index"] = artifact_index(file);
    if (range.begin.line != 0) {
      ordered_json region;
      region["startLine"] = range.begin.line;
      if (range.begin.column != 0) region["startColumn"] = range.begin.column;
      const bool end_ok = range.end.line > range.begin.line ||
                          (range.end.line == range.begin.line && range.begin.column != 0 &&
                           range.end.column >= range.begin.column);
      if (end_ok) {
        region["endLine"] = range.end.line;
        if (range.end.column != 0 && range.begin.column != 0) {
          region["endColumn"] = range.end.column;
        }
      }
      p["region"] = std::move(region);
    }
    return p;
  }

  // SARIF 2.1.0 §3.55 fix: one artifactChange per file, each replacement's
  // deletedRegion with both line/column (code points) and byte offsets.
  ordered_json fix_json(const Fix& fix) {
    ordered_json f;
    f["description"] = message(fix.description);
    ordered_json changes = ordered_json::array();
    std::map<FileId, ordered_json> by_file;
    std::vector<FileId> order;
    for (const TextEdit& edit : fix.edits) {
      const SourceFile* file = file_of(report_, Location{edit.file, {}});
      if (file == nullptr) continue;
      Position begin = report_detail::position_of(*file, edit.begin);
      Position end = report_detail::position_of(*file, edit.end);
      ordered_json replacement;
      replacement["deletedRegion"]["startLine"] = begin.line;
      replacement["deletedRegion"]["startColumn"] = begin.column;
      replacement["deletedRegion"]["endLine"] = end.line;
      replacement["deletedRegion"]["endColumn"] = end.column;
      replacement["deletedRegion"]["byteOffset"] = edit.begin;
      replacement["deletedRegion"]["byteLength"] = edit.end - edit.begin;
      if (!edit.replacement.empty()) replacement["insertedContent"]["text"] = edit.replacement;
      if (by_file.count(edit.file) == 0) {
        order.push_back(edit.file);
        ordered_json change;
        change["artifactLocation"]["uri"] = percent_encode(file->path);
        change["artifactLocation"]["uriBaseId"] = kSrcRoot;
        change["artifactLocation"]["index"] = artifact_index(*file);
        change["replacements"] = ordered_json::array();
        by_file.emplace(edit.file, std::move(change));
      }
      by_file[edit.file]["replacements"].push_back(std::move(replacement));
    }
    for (FileId id : order) changes.push_back(std::move(by_file[id]));
    f["artifactChanges"] = std::move(changes);
    return f;
  }

  ordered_json result_json(const Finding& finding) {
    ordered_json r;
    r["ruleId"] = finding.rule_id;
    const size_t index = rule_index(report_, finding.rule_id);
    if (index != std::string::npos) r["ruleIndex"] = index;
    r["level"] = level_name(finding.severity);

    // Related locations first: the message refers to them by id.
    std::string text = escape_message(finding.message);
    std::vector<std::string> references;
    ordered_json related = ordered_json::array();
    const SourceFile* primary = file_of(report_, finding.location);
    ordered_json locations = ordered_json::array();
    if (primary != nullptr) {
      ordered_json loc;
      loc["physicalLocation"] = physical_location(*primary, finding.location.range, true);
      locations.push_back(std::move(loc));
    }
    int next_id = 1;
    for (const RelatedLocation& rel : finding.related) {
      const std::string label = rel.message.empty() ? std::string("related location") : rel.message;
      const SourceFile* file = file_of(report_, rel.location);
      if (file == nullptr) {
        references.push_back(escape_message(label));
        continue;
      }
      const int id = next_id++;
      ordered_json loc;
      loc["id"] = id;
      loc["physicalLocation"] = physical_location(*file, rel.location.range, true);
      loc["message"] = message(label);
      related.push_back(std::move(loc));
      references.push_back(fmt::format("[{}]({})", escape_link_text(label), id));
    }
    if (!references.empty()) {
      text += " (see ";
      for (size_t i = 0; i < references.size(); ++i) {
        if (i > 0) text += ", ";
        text += references[i];
      }
      text += ")";
    }
    if (text.empty()) text = finding.rule_id;
    r["message"] = message(text);
    if (!locations.empty()) r["locations"] = std::move(locations);
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    if (!finding.fingerprint.empty()) {
      r["partialFingerprints"]["primaryLocationLineHash"] = finding.fingerprint;
      r["partialFingerprints"]["seldonLint/v1"] = finding.fingerprint;
    }
    if (finding.suppressed) {
      ordered_json s;
      s["kind"] = finding.suppression_kind == "external" ? "external" : "inSource";
      if (!finding.suppression_reason.empty()) s["justification"] = finding.suppression_reason;
      r["suppressions"] = ordered_json::array({std::move(s)});
    }
    if (!finding.fixes.empty()) {
      ordered_json fixes = ordered_json::array();
      for (const Fix& fix : finding.fixes) {
        ordered_json f = fix_json(fix);
        if (!f["artifactChanges"].empty()) fixes.push_back(std::move(f));
      }
      if (!fixes.empty()) r["fixes"] = std::move(fixes);
    }
    if (!finding.environment.empty()) r["properties"]["environment"] = finding.environment;
    return r;
  }

  // One notification per file that could not be read (SL002 input problems).
  ordered_json notifications_json() {
    ordered_json list = ordered_json::array();
    if (report_.model == nullptr) return list;
    for (const InputProblem& problem : report_.model->problems) {
      if (problem.rule_id != "SL002") continue;
      ordered_json n;
      n["descriptor"]["id"] = "SL002";
      n["descriptor"]["index"] = 0;
      const size_t index = rule_index(report_, "SL002");
      if (index != std::string::npos) {
        n["associatedRule"]["id"] = "SL002";
        n["associatedRule"]["index"] = index;
      }
      n["level"] = "warning";
      n["message"] = message(problem.message.empty() ? "could not read file" : problem.message);
      const SourceFile* file = file_of(report_, problem.location);
      if (file != nullptr) {
        ordered_json loc;
        loc["physicalLocation"] = physical_location(*file, problem.location.range, false);
        n["locations"] = ordered_json::array({std::move(loc)});
      }
      list.push_back(std::move(n));
    }
    return list;
  }

  const Report& report_;
  ordered_json artifacts_ = ordered_json::array();
  std::map<std::string, size_t> artifact_ids_;
};

}  // namespace

void write_sarif(const Report& report, std::ostream& out) {
  ordered_json log = SarifWriter(report).build();
  out << log.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace seldon_lint
