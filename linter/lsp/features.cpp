#include "linter/lsp/features.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/engine/suppressions.hpp"
#include "linter/lsp/diagnostics.hpp"
#include "linter/lsp/uri.hpp"

namespace seldon_lint::lsp {
namespace {

using nlohmann::json;

// Deep enough for any values file; deeper trees are not searched further.
constexpr int kMaxKeyDepth = 64;

const SourceFile* find_file(const Model& model, const std::string& relative, FileId& id) {
  for (id = 0; id < model.files.size(); ++id) {
    if (model.files[id].path == relative) return &model.files[id];
  }
  return nullptr;
}

bool contains(const Range& range, size_t byte) {
  return range.known() && range.begin.offset <= byte && byte <= range.end.offset;
}

// The dotted path of the key at `byte` inside `node` (a values map), or empty.
// `key_range` is set to the key's range.
bool key_path_at(const yaml::Node& node, FileId file, size_t byte, int depth, std::string& path,
                 Range& key_range) {
  if (depth > kMaxKeyDepth || !node.is_map()) return false;
  for (const auto& entry : node.entries) {
    if (entry.key_file != file) continue;
    std::string here = path.empty() ? entry.key : path + "." + entry.key;
    if (contains(entry.key_range, byte)) {
      path = std::move(here);
      key_range = entry.key_range;
      return true;
    }
    if (contains(entry.value.range, byte) || entry.value.is_map()) {
      std::string deeper = here;
      if (key_path_at(entry.value, file, byte, depth + 1, deeper, key_range)) {
        path = std::move(deeper);
        return true;
      }
    }
  }
  return false;
}

// Values the hover never shows: whatever a key naming a credential holds.
bool secret_like(std::string_view dotted_path) {
  std::string last = to_lower(dotted_path.substr(dotted_path.rfind('.') + 1));
  for (std::string_view word : {"password", "passwd", "token", "jaas", "credential", "apikey",
                                "privatekey", "connectionstring", "sharedaccesskey"}) {
    if (last.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string describe_value(const yaml::Node* node, std::string_view dotted_path) {
  if (node == nullptr) return "not set";
  if (secret_like(dotted_path) && !node->is_null()) return "(hidden: it may be a credential)";
  switch (node->kind) {
    case yaml::Kind::Null:
      return "`null`";
    case yaml::Kind::Scalar:
      return "`" + node->scalar + "`";
    case yaml::Kind::Map:
      return "a map of " + std::to_string(node->entries.size()) + " keys";
    case yaml::Kind::Seq:
      return "a list of " + std::to_string(node->items.size()) + " items";
  }
  return "";
}

std::string origin(const Model& model, const Release& release, std::string_view dotted_path) {
  if (!release.known(dotted_path)) {
    auto unreadable = release.unreadable_layers();
    std::string why = unreadable.empty() ? std::string("a layer the linter cannot read")
                                         : unreadable.front()->description + " (" +
                                               unreadable.front()->reason + ")";
    return "unknown: " + why + " may set it";
  }
  const yaml::Node* value = release.value(dotted_path);
  if (value == nullptr) return "not set by any layer";
  if (!release.set_by_layer(dotted_path) || value->file == kNoFile) return "chart default";
  Location where = release.locate_key(dotted_path);
  if (!where.known()) where = value->location();
  if (!where.known()) return "a values layer";
  return model.files[where.file].path + ":" + std::to_string(where.range.begin.line);
}

}  // namespace

json hover_at(const Workspace& workspace, const std::string& relative, size_t byte,
              Encoding encoding) {
  const Model* model = workspace.model();
  if (model == nullptr) return nullptr;
  FileId file_id = kNoFile;
  if (find_file(*model, relative, file_id) == nullptr) return nullptr;
  std::string key;
  std::vector<std::string> lines;
  Range key_range;
  for (const auto& release : model->releases) {
    for (const auto& layer : release.layers) {
      if (layer.values == nullptr) continue;
      std::string path;
      if (!key_path_at(*layer.values, file_id, byte, 0, path, key_range)) continue;
      if (!key.empty() && key != path) continue;  // one key per hover
      key = path;
      std::string name = release.source + " " + release.name;
      if (!release.environment.empty()) name += " (" + release.environment + ")";
      lines.push_back("- " + name + ": " + describe_value(release.value(path), path) + " — " +
                      origin(*model, release, path));
      break;  // a layer appears once per release
    }
  }
  if (key.empty()) return nullptr;
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  std::string text = "**seldon-lint** effective value of `" + key + "`\n\n";
  for (const auto& line : lines) text += line + "\n";
  return json{{"contents", {{"kind", "markdown"}, {"value", text}}},
              {"range", lsp_range(*model, Location{file_id, key_range}, encoding)}};
}

namespace {

// The comment marker of a file kind, or empty when it takes no directive.
std::string_view comment_marker(FileKind kind) {
  switch (kind) {
    case FileKind::Yaml:
    case FileKind::Terraform:
      return "#";
    case FileKind::Bicep:
    case FileKind::ArmJson:
      return "//";
    case FileKind::HelmTemplate:
      break;
  }
  return {};
}

bool suppressible(const std::string& rule_id) {
  // SL003/SL004 are about directives themselves; SL001/SL002 about reading the file.
  return rule_id != "SL001" && rule_id != "SL002" && rule_id != "SL003" && rule_id != "SL004";
}

std::string_view indentation(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return line.substr(0, n);
}

json position(uint32_t line, uint32_t character) {
  return json{{"line", line}, {"character", character}};
}

// A line directive above the finding already: add the rule to its list
// (inserting another line would move that directive out of reach).
json extend_directive(const SourceFile& file, const Directive& directive, const Finding& finding,
                      const std::string& uri, Encoding encoding) {
  std::string_view text = file.line_text(directive.range.begin.line);
  size_t close = text.find(']', text.find("ignore["));
  if (close == std::string_view::npos) return nullptr;
  uint32_t character = character_of_column(text, column_of_byte(text, close), encoding);
  json at = position(directive.range.begin.line - 1, character);
  json edit = {{"range", {{"start", at}, {"end", at}}}, {"newText", "," + finding.rule_id}};
  return json{{"title", "Suppress " + finding.rule_id + " here (add it to the directive above)"},
              {"kind", "quickfix"},
              {"edit", {{"changes", {{uri, json::array({edit})}}}}}};
}

json suppress_action(const SourceFile& file, const std::vector<Directive>& directives,
                     const Finding& finding, const std::string& uri, Encoding encoding) {
  std::string_view marker = comment_marker(file.kind);
  uint32_t line = finding.location.range.begin.line;
  if (marker.empty() || line == 0) return nullptr;
  for (const auto& directive : directives) {
    if (!directive.file_level && directive.problem.empty() && directive.target_line == line &&
        directive.range.begin.line + 1 == line) {
      return extend_directive(file, directive, finding, uri, encoding);
    }
  }
  std::string_view text = file.line_text(line);
  std::string_view indent = indentation(text);
  bool crlf = file.line_starts.size() > line && file.line_starts[line] >= 2 &&
              file.text[file.line_starts[line] - 2] == '\r';
  std::string head =
      std::string(indent) + std::string(marker) + " seldon-lint: ignore[" + finding.rule_id + "] ";
  const std::string reason(kReasonPlaceholder);
  json at = position(line - 1, 0);
  json edit = {{"range", {{"start", at}, {"end", at}}},
               {"newText", head + reason + (crlf ? "\r\n" : "\n")}};
  // Indentation and the directive are ASCII: bytes are code units in every encoding.
  json selection = {
      {"start", position(line - 1, static_cast<uint32_t>(head.size()))},
      {"end", position(line - 1, static_cast<uint32_t>(head.size() + reason.size()))}};
  return json{{"title", "Suppress " + finding.rule_id + " on this line (with a reason)"},
              {"kind", "quickfix"},
              {"edit", {{"changes", {{uri, json::array({edit})}}}}},
              {"command",
               {{"title", "Select the reason"},
                {"command", kSelectReasonCommand},
                {"arguments", json::array({uri, selection})}}}};
}

// The LSP position of byte `byte` of `file`.
json position_of_byte(const SourceFile& file, uint32_t byte, Encoding encoding) {
  byte = std::min<uint32_t>(byte, static_cast<uint32_t>(file.text.size()));
  auto next = std::upper_bound(file.line_starts.begin(), file.line_starts.end(), byte);
  uint32_t line = next == file.line_starts.begin()
                      ? 0
                      : static_cast<uint32_t>(next - file.line_starts.begin() - 1);
  uint32_t start = file.line_starts.empty() ? 0 : file.line_starts[line];
  std::string_view prefix = std::string_view(file.text).substr(start, byte - start);
  uint32_t units = character_of_column(prefix, static_cast<uint32_t>(prefix.size()) + 1, encoding);
  return position(line, units);
}

// A rule's own fix (Finding::fixes) as a quickfix: byte-range edits become
// LSP TextEdits, grouped by the file they change.
json fix_action(const Workspace& workspace, const Model& model, const Fix& fix, Encoding encoding) {
  json changes = json::object();
  for (const auto& edit : fix.edits) {
    if (edit.file >= model.files.size()) return nullptr;
    const SourceFile& file = model.files[edit.file];
    json range = {{"start", position_of_byte(file, edit.begin, encoding)},
                  {"end", position_of_byte(file, edit.end, encoding)}};
    json& list = changes[uri_of_path(workspace.absolute(file.path))];
    if (list.is_null()) list = json::array();
    list.push_back({{"range", std::move(range)}, {"newText", edit.replacement}});
  }
  if (changes.empty()) return nullptr;
  return json{{"title", fix.description},
              {"kind", "quickfix"},
              {"isPreferred", true},
              {"edit", {{"changes", std::move(changes)}}}};
}

bool overlaps(const Finding& finding, uint32_t first_line, uint32_t last_line) {
  uint32_t begin = finding.location.range.begin.line - 1;
  uint32_t end = finding.location.range.end.line == 0 ? begin : finding.location.range.end.line - 1;
  return begin <= last_line && first_line <= end;
}

}  // namespace

json code_actions_at(const Workspace& workspace, const std::string& relative, const json& range,
                     Encoding encoding) {
  json actions = json::array();
  const Model* model = workspace.model();
  FileId file_id = kNoFile;
  if (model == nullptr || find_file(*model, relative, file_id) == nullptr) return actions;
  const SourceFile& file = model->files[file_id];
  auto line_of_position = [&](const char* which) -> uint32_t {
    if (!range.is_object() || !range.contains(which) || !range[which].is_object()) return 0;
    const json& line = range[which]["line"];
    return line.is_number_unsigned() ? line.get<uint32_t>() : 0;
  };
  uint32_t first = line_of_position("start");
  uint32_t last = std::max(first, line_of_position("end"));
  std::string uri = uri_of_path(workspace.absolute(relative));
  std::vector<Directive> directives = scan_directives(file);
  std::set<std::pair<std::string, uint32_t>> offered;
  for (const auto& finding : workspace.findings()) {
    if (finding.location.file != file_id || !overlaps(finding, first, last)) continue;
    json diagnostic = {{"range", lsp_range(*model, finding.location, encoding)},
                       {"code", finding.rule_id},
                       {"source", "seldon-lint"},
                       {"message", finding.message}};
    for (const auto& fix : finding.fixes) {
      json action = fix_action(workspace, *model, fix, encoding);
      if (action.is_null()) continue;
      action["diagnostics"] = json::array({diagnostic});
      actions.push_back(std::move(action));
    }
    if (!suppressible(finding.rule_id)) continue;
    if (!offered.emplace(finding.rule_id, finding.location.range.begin.line).second) continue;
    json action = suppress_action(file, directives, finding, uri, encoding);
    if (action.is_null()) continue;
    action["diagnostics"] = json::array({diagnostic});
    actions.push_back(std::move(action));
  }
  return actions;
}

}  // namespace seldon_lint::lsp
