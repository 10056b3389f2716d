// `seldon-lint rules` and `seldon-lint explain`, and the checks of rule
// names given on the command line (with a "did you mean" hint).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "linter/base/text.hpp"
#include "linter/cli/commands.hpp"
#include "linter/report/rule_docs.hpp"

namespace seldon_lint::commands {

int list_rules(const CliOptions& cli, std::ostream& out) {
  auto rules = make_all_rules();
  if (cli.rules_format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& rule : rules) {
      const RuleInfo& r = rule->info();
      nlohmann::ordered_json j;
      j["id"] = r.id;
      j["name"] = r.name;
      j["severity"] = severity_name(r.severity);
      j["tags"] = r.tags;
      if (r.security_severity >= 0) j["security_severity"] = r.security_severity;
      j["summary"] = r.summary;
      list.push_back(j);
    }
    out << list.dump(2) << "\n";
    return kExitClean;
  }
  for (const auto& rule : rules) {
    const RuleInfo& r = rule->info();
    out << fmt::format("{}  {:<40} {:<8} {}  [{}]\n", r.id, r.name, severity_name(r.severity),
                       r.summary, rule_tags_text(r));
  }
  return kExitClean;
}

// A hint for an unknown rule: the closest id or name, or one that starts like it.
std::string rule_hint(const std::vector<std::unique_ptr<Rule>>& rules, const std::string& wanted) {
  // An id-shaped name (SL999) is not a typo of another id: SL001 is no hint.
  if (wanted.size() > 2 && std::toupper(static_cast<unsigned char>(wanted[0])) == 'S' &&
      std::toupper(static_cast<unsigned char>(wanted[1])) == 'L' &&
      std::all_of(wanted.begin() + 2, wanted.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return {};
  }
  std::vector<std::string> names;
  for (const auto& r : rules) {
    names.push_back(r->info().id);
    names.push_back(r->info().name);
  }
  std::string hint = closest_match(wanted, names);
  if (!hint.empty()) return hint;
  // A prefix of a long rule name is as good a hint as the whole name.
  std::vector<std::string> prefixes;
  prefixes.reserve(names.size());
  for (const auto& name : names) prefixes.push_back(name.substr(0, wanted.size()));
  std::string prefix = closest_match(wanted, prefixes, 2);
  for (const auto& name : names) {
    if (!prefix.empty() && name.rfind(prefix, 0) == 0) return name;
  }
  return {};
}

// `explain ID|NAME|GROUP`: ids and names in any case; a group prefix (SL3)
// explains every rule in the group.
int explain(const CliOptions& cli, std::ostream& out, std::ostream& err) {
  auto rules = make_all_rules();
  std::vector<const RuleInfo*> matched;
  if (const RuleInfo* exact = find_rule(rules, cli.explain_rule)) {
    matched.push_back(exact);
  } else {
    for (const auto& rule : rules) {
      if (selector_matches(rule->info(), cli.explain_rule)) matched.push_back(&rule->info());
    }
  }
  if (matched.empty()) {
    std::string hint = rule_hint(rules, cli.explain_rule);
    err << "seldon-lint: there is no rule '" << cli.explain_rule << "'"
        << (hint.empty() ? std::string() : "; did you mean '" + hint + "'?")
        << " (`seldon-lint rules` lists them all)\n";
    return kExitUsage;
  }
  for (size_t i = 0; i < matched.size(); ++i) {
    if (i > 0) out << "\n";
    out << rule_help_text(*matched[i]);
  }
  return kExitClean;
}

bool parse_env_flags(const CliOptions& cli, EnvironmentRules& out, std::ostream& err) {
  for (const auto& flag : cli.env) {
    size_t eq = flag.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == flag.size()) {
      err << "seldon-lint: --env expects NAME=GLOB, got '" << flag << "'\n";
      return false;
    }
    out.globs.emplace_back(flag.substr(0, eq), std::vector<std::string>{flag.substr(eq + 1)});
  }
  return true;
}

// Unknown rule ids in --select/--ignore or the config are usage errors.
bool check_selectors(const std::vector<std::unique_ptr<Rule>>& rules,
                     const std::vector<std::string>& selectors, const std::string& what,
                     std::ostream& err) {
  for (const auto& s : selectors) {
    bool known = std::any_of(rules.begin(), rules.end(),
                             [&](const auto& r) { return selector_matches(r->info(), s); });
    if (!known) {
      std::string hint = rule_hint(rules, s);
      err << "seldon-lint: " << what << ": unknown rule or group '" << s << "'"
          << (hint.empty() ? std::string() : "; did you mean '" + hint + "'?") << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace seldon_lint::commands
