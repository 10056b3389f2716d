// The suppression pass (declared in suppressions.hpp): after every rule ran,
// it reads the directives of the files that may hold them (directives.hpp),
// marks the findings they cover as suppressed, and reports invalid (SL003)
// and unused (SL004) directives, the latter with a fix that removes them.
#include "linter/engine/suppressions.hpp"

#include <algorithm>
#include <ctime>
#include <map>

#include <fmt/format.h>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

constexpr const char* kShape =
    "`# seldon-lint: ignore[SL101] reason` or `ignore-file[SL304] reason`";

bool any_matches(const RuleInfo& rule, const std::vector<std::string>& selectors) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return selector_matches(rule, s); });
}

std::string shorten(const std::string& text) {
  return text.size() <= 100 ? text : text.substr(0, 97) + "...";
}

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t") == std::string_view::npos;
}

// The fix for an unused directive: drop the selectors in `unused` from its
// list, or the whole comment when none is left (its line too when the
// comment is alone on it).  None when the text is not laid out as expected.
std::vector<Fix> unused_directive_fix(const SourceFile& file, FileId id, const Directive& d,
                                      const std::vector<std::string>& unused) {
  const std::string_view text = file.text;
  const uint32_t begin = d.range.begin.offset;
  const uint32_t end = d.range.end.offset;
  const uint32_t line = d.range.begin.line;
  if (line == 0 || line > file.line_starts.size() || begin >= end || end > text.size()) return {};
  const uint32_t line_begin = file.line_starts[line - 1];
  uint32_t next_line =
      line < file.line_starts.size() ? file.line_starts[line] : static_cast<uint32_t>(text.size());
  uint32_t line_end = next_line;  // before the line break
  if (line_end > line_begin && text[line_end - 1] == '\n') --line_end;
  if (line_end > line_begin && text[line_end - 1] == '\r') --line_end;
  if (end > line_end || !blank(text.substr(end, line_end - end))) return {};
  TextEdit edit;
  edit.file = id;
  Fix fix;
  if (unused.size() == d.selectors.size()) {
    if (blank(text.substr(line_begin, begin - line_begin))) {
      edit.begin = line_begin;  // the comment's own line, line break included
      edit.end = next_line;
    } else {
      uint32_t from = begin;  // a trailing comment: keep the code and the line break
      while (from > line_begin && (text[from - 1] == ' ' || text[from - 1] == '\t')) --from;
      edit.begin = from;
      edit.end = line_end;
    }
    fix.description = "Remove the unused suppression comment";
  } else {
    std::string_view comment = text.substr(begin, end - begin);
    size_t open = comment.find('[');
    size_t close = comment.find(']', open == std::string_view::npos ? 0 : open);
    if (open == std::string_view::npos || close == std::string_view::npos) return {};
    std::string_view list = comment.substr(open + 1, close - open - 1);
    std::vector<std::string> written;
    for (auto part : split(list, ',')) written.emplace_back(trim(part));
    if (written != d.selectors) return {};
    std::string kept;
    const char* separator = list.find(", ") != std::string_view::npos ? ", " : ",";
    for (const auto& selector : d.selectors) {
      if (std::find(unused.begin(), unused.end(), selector) != unused.end()) continue;
      if (!kept.empty()) kept += separator;
      kept += selector;
    }
    edit.begin = begin + static_cast<uint32_t>(open) + 1;
    edit.end = begin + static_cast<uint32_t>(close);
    edit.replacement = kept;
    fix.description = fmt::format("Remove {} from the suppression", fmt::join(unused, ", "));
  }
  fix.edits.push_back(std::move(edit));
  return {std::move(fix)};
}

// One directive found in the model, with its state during the pass.
struct Active {
  FileId file = kNoFile;
  Directive directive;
  std::string invalid;     // SL003 message; empty when the directive applies
  std::vector<bool> used;  // per selector
};

class SuppressionPass {
 public:
  SuppressionPass(const Model& model, const std::vector<std::unique_ptr<Rule>>& rules,
                  const RuleSelection& selection, const SuppressionOptions& options)
      : model_(model), rules_(rules), selection_(selection), options_(options) {
    for (const auto& rule : rules_) by_id_[rule->info().id] = &rule->info();
    today_ = options_.today.empty() ? local_date_today() : options_.today;
  }

  void run(std::vector<Finding>& findings) {
    collect();
    if (directives_.empty()) return;
    for (auto& finding : findings) {
      if (!finding.suppressed) apply(finding, true);
    }
    std::vector<Finding> own;
    report_invalid(own);
    report_unused(own);
    for (auto& finding : own) apply(finding, false);
    for (auto& finding : own) findings.push_back(std::move(finding));
  }

 private:
  void collect() {
    if (options_.files_with_directives != nullptr) {
      for (FileId id : *options_.files_with_directives) collect(id);
      return;
    }
    for (FileId id = 0; id < model_.files.size(); ++id) {
      if (may_hold_directives(model_.files[id])) collect(id);
    }
  }

  void collect(FileId id) {
    for (auto& directive : scan_directives(model_.files[id])) {
      Active active;
      active.file = id;
      active.directive = std::move(directive);
      active.used.assign(active.directive.selectors.size(), false);
      active.invalid = validate(active.directive);
      FileIndex& index = by_file_[id];
      if (active.directive.file_level) {
        index.file_level.push_back(directives_.size());
      } else {
        index.by_line[active.directive.target_line].push_back(directives_.size());
      }
      directives_.push_back(std::move(active));
    }
  }

  std::string validate(const Directive& d) const {
    const std::string shown = "`" + shorten(d.text) + "`";
    if (d.problem == "malformed") {
      return fmt::format("malformed suppression {}: {}; write {}. It suppresses nothing", shown,
                         d.detail, kShape);
    }
    if (d.problem == "bad-date") {
      return fmt::format("invalid suppression {}: {}. It suppresses nothing", shown, d.detail);
    }
    if (d.problem == "file-too-late") {
      return fmt::format(
          "suppression {} is on line {}: `ignore-file` must be in the first {} lines of the file. "
          "It suppresses nothing",
          shown, d.range.begin.line, kFileDirectiveLines);
    }
    for (const auto& selector : d.selectors) {
      bool known = std::any_of(rules_.begin(), rules_.end(), [&](const auto& rule) {
        return selector_matches(rule->info(), selector);
      });
      if (known) continue;
      std::vector<std::string> names;
      for (const auto& rule : rules_) {
        names.push_back(rule->info().id);
        names.push_back(rule->info().name);
      }
      std::string hint = closest_match(selector, names);
      return fmt::format("suppression {} names unknown rule '{}'{}; it suppresses nothing", shown,
                         selector,
                         hint.empty() ? std::string() : " (did you mean '" + hint + "'?)");
    }
    if (d.problem == "no-reason") {
      return fmt::format(
          "suppression {} has no reason: say why the finding is acceptable after the bracket, "
          "e.g. `# seldon-lint: {}[{}] managed outside this repo`. It suppresses nothing until "
          "then",
          shown, d.file_level ? "ignore-file" : "ignore", d.selectors.front());
    }
    if (!d.until.empty() && today_ > d.until) {
      return fmt::format(
          "suppression {} expired on {}: the findings it covered are reported again; fix them or "
          "extend `until=`",
          shown, d.until);
    }
    return {};
  }

  // Suppresses `finding` when a valid directive at one of its locations names its rule.
  void apply(Finding& finding, bool track_use) {
    auto rule = by_id_.find(finding.rule_id);
    if (rule == by_id_.end()) return;
    std::vector<Location> locations{finding.location};
    for (const auto& related : finding.related) locations.push_back(related.location);
    for (const Location& location : locations) {
      if (!location.known()) continue;
      auto it = by_file_.find(location.file);
      if (it == by_file_.end()) continue;
      auto line = it->second.by_line.find(location.range.begin.line);
      for (const auto* list :
           {&it->second.file_level, line == it->second.by_line.end() ? nullptr : &line->second}) {
        if (list == nullptr) continue;
        for (size_t index : *list) apply_one(directives_[index], *rule->second, finding, track_use);
      }
    }
  }

  static void apply_one(Active& a, const RuleInfo& rule, Finding& finding, bool track_use) {
    if (!a.invalid.empty()) return;
    for (size_t s = 0; s < a.directive.selectors.size(); ++s) {
      if (!selector_matches(rule, a.directive.selectors[s])) continue;
      if (track_use) a.used[s] = true;
      if (!finding.suppressed) {
        finding.suppressed = true;
        finding.suppression_kind = "inSource";
        finding.suppression_reason = a.directive.reason;
      }
    }
  }

  bool make(const char* id, Finding& out) const {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return false;
    Severity severity = effective_severity(*it->second, selection_);
    if (severity == Severity::Off) return false;
    out.rule_id = id;
    out.severity = severity;
    return true;
  }

  void fill(Finding& f, const Active& a, std::string message) const {
    f.message = std::move(message);
    f.location = Location{a.file, a.directive.range};
    f.environment = model_.files[a.file].environment;
    f.identity = "directive:" + a.directive.text;
  }

  void report_invalid(std::vector<Finding>& out) const {
    for (const auto& a : directives_) {
      if (a.invalid.empty()) continue;
      Finding f;
      if (!make("SL003", f)) return;
      fill(f, a, a.invalid);
      out.push_back(std::move(f));
    }
  }

  // A selector can be reported unused only when every rule it names ran: a
  // rule left out by --select or turned off could not have produced findings.
  // Directives about SL003/SL004 themselves are not judged.
  bool checkable(const std::string& selector) const {
    bool any = false;
    for (const auto& rule : rules_) {
      const RuleInfo& info = rule->info();
      if (!selector_matches(info, selector)) continue;
      if (info.id == "SL003" || info.id == "SL004") return false;
      if (effective_severity(info, selection_) == Severity::Off) return false;
      any = true;
    }
    return any;
  }

  void report_unused(std::vector<Finding>& out) const {
    for (const auto& a : directives_) {
      if (!a.invalid.empty()) continue;
      std::vector<std::string> unused;
      for (size_t s = 0; s < a.directive.selectors.size(); ++s) {
        if (!a.used[s] && checkable(a.directive.selectors[s])) {
          unused.push_back(a.directive.selectors[s]);
        }
      }
      if (unused.empty()) continue;
      Finding f;
      if (!make("SL004", f)) return;
      std::string names = fmt::format("{}", fmt::join(unused, ", "));
      std::string where = a.directive.file_level
                              ? std::string("in this file")
                              : fmt::format("on line {}", a.directive.target_line);
      std::string fix = unused.size() == a.directive.selectors.size()
                            ? std::string("remove the comment")
                            : fmt::format("remove {} from the list", names);
      fill(f, a,
           fmt::format("unused suppression `{}`: no {} finding {} to suppress; {}",
                       shorten(a.directive.text), names, where, fix));
      f.identity += "|unused:" + names;
      f.fixes = unused_directive_fix(model_.files[a.file], a.file, a.directive, unused);
      out.push_back(std::move(f));
    }
  }

  const Model& model_;
  const std::vector<std::unique_ptr<Rule>>& rules_;
  const RuleSelection& selection_;
  const SuppressionOptions& options_;
  std::map<std::string, const RuleInfo*> by_id_;
  std::string today_;
  std::vector<Active> directives_;
  struct FileIndex {
    std::vector<size_t> file_level;
    std::map<uint32_t, std::vector<size_t>> by_line;  // target line -> directives
  };
  std::map<FileId, FileIndex> by_file_;
};

}  // namespace

Severity effective_severity(const RuleInfo& rule, const RuleSelection& selection) {
  if (!selection.select.empty() && !any_matches(rule, selection.select)) return Severity::Off;
  if (any_matches(rule, selection.ignore)) return Severity::Off;
  const Severity* configured = configured_severity(rule, selection);
  return configured != nullptr ? *configured : rule.severity;
}

bool may_hold_directives(const SourceFile& file) {
  // A text not read yet came from the parse cache, which reads every file
  // that mentions a directive: this one has none.
  return !file.text.deferred() && file.text.find("seldon-lint") != std::string::npos;
}

void apply_suppressions(std::vector<Finding>& findings, const Model& model,
                        const std::vector<std::unique_ptr<Rule>>& rules,
                        const RuleSelection& selection, const SuppressionOptions& options) {
  if (!options.inline_suppressions) return;
  SuppressionPass(model, rules, selection, options).run(findings);
}

std::string local_date_today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
  return buffer;
}

}  // namespace seldon_lint
