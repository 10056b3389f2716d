#include <cctype>
#include <set>
#include <tuple>

#include "linter/base/text.hpp"
#include "linter/model/sources/flux_substitution.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// `<kafka-username>`-style placeholder inside a value.
std::string angle_placeholder(std::string_view value) {
  for (size_t open = value.find('<'); open != std::string_view::npos;
       open = value.find('<', open + 1)) {
    size_t close = value.find('>', open);
    if (close == std::string_view::npos) break;
    // Vendors' quick-starts pad them: `< username >`, `< Confluent Cloud Broker Endpoints >`.
    std::string_view inner = trim(value.substr(open + 1, close - open - 1));
    if (inner.empty() || inner.size() > 64) continue;
    bool ok = std::isalpha(static_cast<unsigned char>(inner.front())) != 0;
    for (char c : inner) {
      ok = ok && (word_char(c) || c == '-' || c == '.' || c == ' ');
    }
    if (ok) return std::string(value.substr(open, close - open + 1));
  }
  return {};
}

// TODO / CHANGEME / CHANGE_ME / REPLACE_ME / FIXME as a whole word in upper case.
std::string marker_placeholder(std::string_view value) {
  for (std::string_view word :
       {"CHANGEME", "CHANGE_ME", "REPLACE_ME", "REPLACEME", "TODO", "FIXME"}) {
    for (size_t at = value.find(word); at != std::string_view::npos;
         at = value.find(word, at + 1)) {
      bool start = at == 0 || !std::isalnum(static_cast<unsigned char>(value[at - 1]));
      size_t end = at + word.size();
      bool stop = end == value.size() || !std::isalnum(static_cast<unsigned char>(value[end]));
      if (start && stop) return std::string(word);
    }
  }
  std::string lower;
  for (char c : trim(value)) lower.push_back(static_cast<char>(std::tolower(c)));
  if (lower == "changeme" || lower == "todo" || lower == "change-me")
    return std::string(trim(value));
  return {};
}

struct Walker {
  const Release& release;
  Reporter& out;
  std::set<std::tuple<FileId, uint32_t, uint32_t, std::string>>& seen;

  void report(const yaml::Node& node, const std::string& path, const std::string& placeholder,
              const std::string& why) {
    Location where = node.location();
    if (!where.known()) return;
    auto id =
        std::make_tuple(where.file, where.range.begin.line, where.range.begin.column, placeholder);
    if (!seen.insert(id).second) return;
    out.add(fmt::format("{} still holds the placeholder '{}'{}; set the real value", path,
                        placeholder, why),
            where, fmt::format("{}={}", path, placeholder), release);
  }

  void walk(const yaml::Node& node, const std::string& path, int depth) {
    if (depth > 64) return;
    if (node.is_map()) {
      for (const auto& e : node.entries) {
        walk(e.value, path.empty() ? e.key : path + "." + e.key, depth + 1);
      }
      return;
    }
    if (node.is_seq()) {
      for (size_t i = 0; i < node.items.size(); ++i) {
        walk(node.items[i], path + "[" + std::to_string(i) + "]", depth + 1);
      }
      return;
    }
    if (!node.is_scalar() || node.file == kNoFile) return;
    // An unreadable layer above could override it (unknown is not absent).
    if (!release.known(std::string_view(path).substr(0, path.find('[')))) return;
    for (const auto& var : find_variables(node.scalar)) {
      if (var.has_default) continue;
      if (release.substitution_open || release.substitution_vars.count(var.name) != 0) continue;
      std::string why =
          release.substituted
              ? fmt::format(" and the Flux postBuild substitution does not define {}", var.name)
              : fmt::format(
                    " and no Flux postBuild substitution applies to this file (Flux "
                    "would not replace {})",
                    var.name);
      report(node, path, "${" + var.name + "}", why);
    }
    std::string angle = angle_placeholder(node.scalar);
    if (!angle.empty()) report(node, path, angle, "");
    std::string marker = marker_placeholder(node.scalar);
    if (!marker.empty()) report(node, path, marker, "");
  }
};

void check(const Model& model, Reporter& out) {
  std::set<std::tuple<FileId, uint32_t, uint32_t, std::string>> seen;
  for (const auto& release : model.releases) {
    Walker walker{release, out, seen};
    walker.walk(release.effective, "", 0);
  }
}

}  // namespace

std::unique_ptr<Rule> make_PlaceholderValue() {
  return std::make_unique<FunctionRule>(rule_info("SL502"), check);
}

}  // namespace seldon_lint
