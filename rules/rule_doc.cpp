#include "rules/rule_doc.hpp"

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kFence = "```";
constexpr std::string_view kFrontMatter = "---\n";

// The text between `heading` and the next "## " heading (or the end),
// without the blank lines around it.
std::string_view section(std::string_view markdown, std::string_view heading) {
  std::string marker = fmt::format("\n## {}\n", heading);
  size_t at = markdown.find(marker);
  if (at == std::string_view::npos) return {};
  std::string_view rest = markdown.substr(at + marker.size());
  size_t next = rest.find("\n## ");
  if (next != std::string_view::npos) rest = rest.substr(0, next + 1);
  size_t first = rest.find_first_not_of('\n');
  if (first == std::string_view::npos) return {};
  rest.remove_prefix(first);
  while (rest.ends_with('\n')) rest.remove_suffix(1);
  return rest;
}

// The body of a fenced code block (its lines, each ending in a newline).
bool code_block(std::string_view text, std::string& body) {
  if (!text.starts_with(kFence) || !text.ends_with(kFence)) return false;
  size_t open_end = text.find('\n');
  if (open_end == std::string_view::npos) return false;
  size_t close = text.size() - kFence.size();
  if (close < open_end + 1) return false;
  body = std::string(text.substr(open_end + 1, close - open_end - 1));
  return true;
}

// "[security, kafka]" -> {"security", "kafka"}
std::vector<std::string> tag_list(std::string_view text) {
  std::vector<std::string> tags;
  if (!text.starts_with('[') || !text.ends_with(']')) return tags;
  for (auto tag : split(text.substr(1, text.size() - 2), ',')) {
    if (!trim(tag).empty()) tags.emplace_back(trim(tag));
  }
  return tags;
}

// One `key: value` line of the front matter into `rule`.
std::string read_metadata(std::string_view key, std::string_view value, RuleInfo& rule) {
  if (key == "id") {
    rule.id = std::string(value);
  } else if (key == "name") {
    rule.name = std::string(value);
  } else if (key == "severity") {
    if (!parse_severity(std::string(value), rule.severity) || rule.severity == Severity::Off) {
      return fmt::format("severity '{}' is not error, warning or note", value);
    }
  } else if (key == "tags") {
    rule.tags = tag_list(value);
    if (rule.tags.empty()) return "tags is not a list like [kafka, tls]";
  } else if (key == "security-severity") {
    auto [end, error] =
        std::from_chars(value.data(), value.data() + value.size(), rule.security_severity);
    if (error != std::errc() || end != value.data() + value.size() || rule.security_severity < 0 ||
        rule.security_severity > 10) {
      return fmt::format("security-severity '{}' is not a number from 0 to 10", value);
    }
  } else if (key == "precision") {
    if (value != "very-high" && value != "high" && value != "medium" && value != "low") {
      return fmt::format("precision '{}' is not very-high, high, medium or low", value);
    }
    rule.precision = std::string(value);
  } else if (key == "points-at-secret") {
    if (value != "true" && value != "false") return "points-at-secret is not true or false";
    rule.points_at_secret = value == "true";
  } else {
    return fmt::format("unknown front matter key '{}'", key);
  }
  return {};
}

// The front matter between the leading `---` lines; `body` gets the rest.
std::string read_front_matter(std::string_view markdown, RuleInfo& rule, std::string_view& body) {
  if (!markdown.starts_with(kFrontMatter)) return "no front matter ('---' first line)";
  std::string_view rest = markdown.substr(kFrontMatter.size());
  size_t end = rest.find("\n---\n");
  if (end == std::string_view::npos) return "the front matter has no closing '---'";
  for (auto line : split(rest.substr(0, end), '\n')) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return fmt::format("front matter line '{}'", line);
    std::string error =
        read_metadata(trim(line.substr(0, colon)), trim(line.substr(colon + 1)), rule);
    if (!error.empty()) return error;
  }
  if (rule.id.empty() || rule.name.empty() || rule.tags.empty()) {
    return "the front matter needs id, name, severity and tags";
  }
  body = rest.substr(end + 5);
  return {};
}

}  // namespace

std::string read_rule_markdown(std::string_view markdown, RuleInfo& rule) {
  std::string_view body;
  std::string error = read_front_matter(markdown, rule, body);
  if (!error.empty()) return error;
  std::string title = fmt::format("# {} {}\n", rule.id, rule.name);
  if (!body.starts_with(title))
    return fmt::format("the title is not '# {} {}'", rule.id, rule.name);
  std::string_view rest = body.substr(title.size());
  size_t first = rest.find_first_not_of('\n');
  if (first == std::string_view::npos) return "no summary line";
  rest.remove_prefix(first);
  std::string_view summary = rest.substr(0, rest.find('\n'));
  if (summary.empty() || summary.starts_with("#")) return "no summary line after the title";
  rule.summary = std::string(summary);

  std::string_view what = section(body, "What it does");
  std::string_view why = section(body, "Why is this bad?");
  if (what.empty()) return "no '## What it does' section";
  if (why.empty()) return "no '## Why is this bad?' section";
  rule.doc.what = std::string(what);
  rule.doc.why = std::string(why);
  if (!code_block(section(body, "Example"), rule.doc.example)) {
    return "'## Example' is not one fenced code block";
  }
  if (!code_block(section(body, "Use instead"), rule.doc.fix)) {
    return "'## Use instead' is not one fenced code block";
  }
  return {};
}

RuleInfo rule_info(std::string_view id) {
  for (const EmbeddedRuleDoc& doc : embedded_rule_docs()) {
    if (doc.id != id) continue;
    RuleInfo rule;
    std::string error = read_rule_markdown(doc.markdown, rule);
    if (error.empty() && rule.id != id) error = fmt::format("its id is {}, not {}", rule.id, id);
    if (!error.empty()) throw std::logic_error(fmt::format("{}: {}", doc.path, error));
    return rule;
  }
  throw std::logic_error(
      fmt::format("{} has no documentation file rules/sl{}_*.md", id, id.substr(2)));
}

}  // namespace seldon_lint
