#include "linter/engine/baseline.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace seldon_lint {

BaselineEntry baseline_entry(const Finding& finding, const Model& model) {
  BaselineEntry entry;
  entry.rule = finding.rule_id;
  entry.file = finding.location.known() ? model.files[finding.location.file].path : std::string();
  entry.fingerprint = finding.fingerprint;
  return entry;
}

Baseline make_baseline(const std::vector<Finding>& findings, const Model& model) {
  Baseline baseline;
  for (const auto& finding : findings) {
    if (!finding.suppressed) baseline.entries.push_back(baseline_entry(finding, model));
  }
  std::sort(baseline.entries.begin(), baseline.entries.end());
  baseline.entries.erase(std::unique(baseline.entries.begin(), baseline.entries.end()),
                         baseline.entries.end());
  return baseline;
}

void write_baseline(const Baseline& baseline, std::ostream& out) {
  nlohmann::ordered_json root;
  root["version"] = Baseline::kVersion;
  root["tool"] = "seldon-lint";
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (const auto& e : baseline.entries) {
    nlohmann::ordered_json j;
    j["rule"] = e.rule;
    j["file"] = e.file;
    j["fingerprint"] = e.fingerprint;
    entries.push_back(std::move(j));
  }
  root["entries"] = std::move(entries);
  out << root.dump(2) << '\n';
}

bool parse_baseline(const std::string& text, Baseline& out, std::string& error) {
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    error = std::string("not JSON: ") + e.what();
    return false;
  }
  if (!root.is_object() || !root.contains("version") || !root.contains("entries")) {
    error = R"(not a seldon-lint baseline (expected an object with "version" and "entries"))";
    return false;
  }
  if (!root["version"].is_number_integer() || root["version"].get<int>() != Baseline::kVersion) {
    error = "unsupported baseline version " + root["version"].dump() + " (expected " +
            std::to_string(Baseline::kVersion) + "); rewrite it with --write-baseline";
    return false;
  }
  if (!root["entries"].is_array()) {
    error = "\"entries\" is not an array";
    return false;
  }
  out.entries.clear();
  size_t index = 0;
  for (const auto& item : root["entries"]) {
    auto text_field = [&](const char* key, std::string& field) {
      if (!item.is_object() || !item.contains(key) || !item[key].is_string()) return false;
      field = item[key].get<std::string>();
      return true;
    };
    BaselineEntry entry;
    if (!text_field("rule", entry.rule) || !text_field("file", entry.file) ||
        !text_field("fingerprint", entry.fingerprint)) {
      error = "entry " + std::to_string(index) +
              R"( needs string fields "rule", "file" and "fingerprint")";
      return false;
    }
    out.entries.push_back(std::move(entry));
    ++index;
  }
  std::sort(out.entries.begin(), out.entries.end());
  return true;
}

bool load_baseline(const std::string& path, Baseline& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!parse_baseline(buffer.str(), out, error)) {
    error = path + ": " + error;
    return false;
  }
  return true;
}

BaselineOutcome apply_baseline(
    const Baseline& baseline, std::vector<Finding>& findings, const Model& model,
    const std::function<bool(const BaselineEntry&)>& is_stale_candidate) {
  BaselineOutcome outcome;
  std::map<BaselineEntry, size_t> remaining;
  for (const auto& entry : baseline.entries) ++remaining[entry];
  for (auto& finding : findings) {
    if (finding.suppressed) continue;
    auto it = remaining.find(baseline_entry(finding, model));
    if (it == remaining.end() || it->second == 0) continue;
    --it->second;
    finding.suppressed = true;
    finding.suppression_kind = "external";
    finding.suppression_reason = "recorded in the baseline";
    ++outcome.matched;
  }
  for (const auto& [entry, count] : remaining) {
    if (count > 0 && is_stale_candidate(entry)) outcome.stale += count;
  }
  return outcome;
}

}  // namespace seldon_lint
