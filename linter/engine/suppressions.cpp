#include "linter/engine/suppressions.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

#include <fmt/format.h>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

constexpr uint32_t kFileDirectiveLines = 10;  // ignore-file must sit in the first 10 lines
constexpr size_t kNpos = std::string_view::npos;
constexpr uint32_t kOwnLine = UINT32_MAX;  // target not resolved yet

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// Could a quote at `j` open a YAML quoted scalar?  Only at the start of a
// scalar: line start, or after `:`, `-`, `?`, `[`, `{`, `,`.  A quote inside a
// plain scalar (`it's`) is an ordinary character.
bool yaml_scalar_start(std::string_view line, size_t j) {
  size_t p = j;
  while (p > 0 && is_space(line[p - 1])) --p;
  if (p == 0) return true;
  char prev = line[p - 1];
  if (prev == '[' || prev == '{' || prev == ',') return true;
  return (prev == ':' || prev == '-' || prev == '?') && p < j;
}

struct CommentStart {
  size_t pos = kNpos;  // byte offset of the marker in the line
  size_t marker = 0;   // marker length (1 for '#', 2 for '//')
};

CommentStart find_yaml_comment(std::string_view line) {
  bool single = false, dbl = false;
  for (size_t j = 0; j < line.size(); ++j) {
    char c = line[j];
    if (dbl) {
      if (c == '\\') {
        ++j;
      } else if (c == '"') {
        dbl = false;
      }
      continue;
    }
    if (single) {
      if (c == '\'') {
        if (j + 1 < line.size() && line[j + 1] == '\'') {
          ++j;
        } else {
          single = false;
        }
      }
      continue;
    }
    if (c == '#' && (j == 0 || is_space(line[j - 1]))) return {j, 1};
    if ((c == '"' || c == '\'') && yaml_scalar_start(line, j)) {
      (c == '"' ? dbl : single) = true;
    }
  }
  return {};
}

// Terraform (`#`, `//`, strings in "), Bicep (`//`, strings in '), ARM JSON (`//`, ").
CommentStart find_code_comment(std::string_view line, char quote, bool hash) {
  bool in_string = false;
  for (size_t j = 0; j < line.size(); ++j) {
    char c = line[j];
    if (in_string) {
      if (c == '\\') {
        ++j;
      } else if (c == quote) {
        in_string = false;
      }
      continue;
    }
    if (c == quote) {
      in_string = true;
    } else if (hash && c == '#') {
      return {j, 1};
    } else if (c == '/' && j + 1 < line.size() && line[j + 1] == '/') {
      return {j, 2};
    }
  }
  return {};
}

CommentStart find_comment(FileKind kind, std::string_view line) {
  switch (kind) {
    case FileKind::Yaml:
      return find_yaml_comment(line);
    case FileKind::Terraform:
      return find_code_comment(line, '"', true);
    case FileKind::Bicep:
      return find_code_comment(line, '\'', false);
    case FileKind::ArmJson:
      return find_code_comment(line, '"', false);
    case FileKind::HelmTemplate:
      return find_yaml_comment(line);
  }
  return {};
}

bool comment_only(FileKind kind, std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty()) return true;
  if (t[0] == '#')
    return kind == FileKind::Yaml || kind == FileKind::Terraform || kind == FileKind::HelmTemplate;
  return t.starts_with("//") && kind != FileKind::Yaml && kind != FileKind::HelmTemplate;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  int max = kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
  return d <= max;
}

constexpr const char* kShape =
    "`# seldon-lint: ignore[SL101] reason` or `ignore-file[SL304] reason`";

// Parses `body` (the comment after its marker and blanks, starting with
// "seldon-lint").  Fills everything but range and target_line.
void parse_directive(std::string_view body, Directive& d) {
  auto malformed = [&](std::string detail) {
    d.problem = "malformed";
    d.detail = std::move(detail);
  };
  // The directive ends where a further comment starts (` # expect: ...`, ` // ...`);
  // `#42` or `https://` inside the reason do not end it.
  for (size_t j = 1; j < body.size(); ++j) {
    size_t marker = body[j] == '#' ? 1 : body.substr(j).starts_with("//") ? 2 : 0;
    if (marker > 0 && is_space(body[j - 1]) &&
        (j + marker == body.size() || is_space(body[j + marker]))) {
      body = body.substr(0, j);
      break;
    }
  }
  body = trim(body);
  d.text = std::string(body);
  std::string_view rest = body.substr(std::string_view("seldon-lint").size());
  if (rest.empty() || rest[0] != ':') {
    malformed("expected a colon after `seldon-lint`");
    return;
  }
  rest = trim(rest.substr(1));
  size_t verb_end = 0;
  while (verb_end < rest.size() &&
         (std::isalpha(static_cast<unsigned char>(rest[verb_end])) || rest[verb_end] == '-')) {
    ++verb_end;
  }
  std::string_view verb = rest.substr(0, verb_end);
  if (verb != "ignore" && verb != "ignore-file") {
    malformed(verb.empty() ? std::string("no directive after `seldon-lint:`")
                           : fmt::format("unknown directive `{}`", verb));
    return;
  }
  d.file_level = verb == "ignore-file";
  rest = rest.substr(verb_end);
  if (rest.empty() || rest[0] != '[') {
    malformed(fmt::format("`{}` needs a rule list in brackets", verb));
    return;
  }
  size_t close = rest.find(']');
  if (close == kNpos) {
    malformed("unterminated rule list (missing `]`)");
    return;
  }
  for (auto part : split(rest.substr(1, close - 1), ',')) {
    std::string_view selector = trim(part);
    if (selector.empty()) {
      malformed("empty rule in the list");
      return;
    }
    d.selectors.emplace_back(selector);
  }
  if (d.selectors.empty()) {
    malformed("empty rule list");
    return;
  }
  rest = rest.substr(close + 1);
  if (!rest.empty() && !is_space(rest[0])) {
    malformed("expected a blank between `]` and the reason");
    return;
  }
  rest = trim(rest);
  if (rest.starts_with("until=")) {
    size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    d.until = std::string(rest.substr(6, end - 6));
    rest = trim(rest.substr(end));
    if (!valid_date(d.until)) {
      d.problem = "bad-date";
      d.detail = fmt::format("`until={}` is not a date in the form YYYY-MM-DD", d.until);
      return;
    }
  }
  d.reason = std::string(rest);
  if (d.reason.empty()) {
    d.problem = "no-reason";
    d.detail = "no reason given";
  } else if (d.reason == kReasonPlaceholder) {
    // What the editor's "suppress" action inserts for the user to type over.
    d.problem = "no-reason";
    d.detail = "the placeholder `TODO: reason` is not a reason";
  }
}

bool any_matches(const RuleInfo& rule, const std::vector<std::string>& selectors) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return selector_matches(rule, s); });
}

std::string shorten(const std::string& text) {
  return text.size() <= 100 ? text : text.substr(0, 97) + "...";
}

// One directive found in the model, with its state during the pass.
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

std::vector<Directive> scan_directives(const SourceFile& file) {
  std::vector<Directive> out;
  const uint32_t lines = static_cast<uint32_t>(file.line_starts.size());
  for (uint32_t line = 1; line <= lines; ++line) {
    std::string_view text = file.line_text(line);
    if (text.find("seldon-lint") == kNpos) continue;
    CommentStart comment = find_comment(file.kind, text);
    if (comment.pos == kNpos) continue;
    std::string_view body = text.substr(comment.pos + comment.marker);
    size_t blanks = 0;
    while (blanks < body.size() && is_space(body[blanks])) ++blanks;
    body = body.substr(blanks);
    if (!body.starts_with("seldon-lint")) continue;
    // A directive has a colon after `seldon-lint`; without one only when it
    // goes on like a directive (`seldon-lint ignore[...]`): prose is not one.
    std::string_view after = trim(body.substr(11));
    if (!after.starts_with(":") && !after.starts_with("ignore")) continue;
    Directive d;
    parse_directive(body, d);
    const uint32_t start = file.line_starts[line - 1];
    const uint32_t begin = start + static_cast<uint32_t>(comment.pos);
    const uint32_t end = start + static_cast<uint32_t>(comment.pos + comment.marker + blanks) +
                         static_cast<uint32_t>(d.text.size());
    d.range = Range{position_at(file.text, file.line_starts, begin),
                    position_at(file.text, file.line_starts, end)};
    if (d.file_level) {
      if (line > kFileDirectiveLines && d.problem.empty()) {
        d.problem = "file-too-late";
        d.detail = "ignore-file below line 10";
      }
    } else if (trim(text.substr(0, comment.pos)).empty()) {
      // On its own line: covers the next line that is not a comment (directives
      // stack).  Resolved below in one backward pass.
      d.target_line = kOwnLine;
    } else {
      d.target_line = line;  // trailing: covers its own line
    }
    out.push_back(std::move(d));
  }
  if (std::any_of(out.begin(), out.end(),
                  [](const Directive& d) { return d.target_line == kOwnLine; })) {
    // next_code[l]: first line >= l that is not blank or comment-only.
    std::vector<uint32_t> next_code(lines + 2, 0);
    for (uint32_t l = lines; l >= 1; --l) {
      next_code[l] = comment_only(file.kind, file.line_text(l)) ? next_code[l + 1] : l;
    }
    for (auto& d : out) {
      if (d.target_line != kOwnLine) continue;
      uint32_t line = d.range.begin.line;
      d.target_line = next_code[line + 1] != 0 ? next_code[line + 1] : line + 1;
    }
  }
  return out;
}

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
