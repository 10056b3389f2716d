#include "linter/report/values_view.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string_view>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

using nlohmann::ordered_json;

constexpr int kMaxDepth = 64;

constexpr std::string_view kNote =
    "Effective values as Helm computes them for the seldon-core-v2-setup chart: only the chart "
    "keys seldon-lint knows are shown with their defaults; other chart keys are not shown.";

// Where a leaf's value came from.
struct Origin {
  std::string kind;  // "file", "chart default", "unknown"
  std::string file;
  uint32_t line = 0;
  std::string reason;  // for unknown
  std::string text() const {
    if (kind == "file") return fmt::format("{}:{}", file, line);
    if (kind == "unknown") return "unknown: " + reason;
    return kind;
  }
};

bool overlaps(std::string_view scope, std::string_view path) {
  if (scope.empty() || scope == path) return true;
  auto under = [](std::string_view a, std::string_view b) {  // a below b
    return a.size() > b.size() && a.starts_with(b) && a[b.size()] == '.';
  };
  return under(path, scope) || under(scope, path);
}

// Key names and values that hold credentials, not names of them: a
// password, token or connection string written into values by mistake.
bool credential_like(std::string_view key, std::string_view value) {
  std::string k = to_lower(key);
  bool names_something = k.ends_with("path") || k.ends_with("secret") || k.ends_with("ref") ||
                         k.ends_with("name") || k.ends_with("key") || k.ends_with("file") ||
                         k.ends_with("url");
  if (!names_something) {
    for (std::string_view word :
         {"password", "passwd", "token", "connectionstring", "apikey", "api_key", "clientsecret",
          "client_secret", "privatekey", "jaas"}) {
      if (k.find(word) != std::string::npos) return true;
    }
  }
  for (std::string_view marker :
       {"-----BEGIN", "SharedAccessKey=", "sharedaccesskey=", "password=", "LoginModule"}) {
    if (contains_icase(value, marker)) return true;
  }
  return false;
}

class Walker {
 public:
  Walker(const Model& model, const Release& release) : model_(model), release_(release) {}

  Origin origin(const yaml::Node& node, const std::string& path) const {
    Origin o;
    if (!release_.known(path)) {
      o.kind = "unknown";
      for (const ValuesLayer* layer : release_.unreadable_layers()) {
        if (!overlaps(layer->scope, path)) continue;
        o.reason = fmt::format("layer {} cannot be read ({}); shown: the value without it",
                               layer->description, layer->reason);
        break;
      }
      if (o.reason.empty()) o.reason = "a values layer cannot be read";
      return o;
    }
    if (node.file == kNoFile || node.file >= model_.files.size()) {
      o.kind = "chart default";
      return o;
    }
    o.kind = "file";
    o.file = model_.files[node.file].path;
    o.line = node.range.begin.line;
    return o;
  }

  const Model& model() const { return model_; }
  const Release& release() const { return release_; }

 private:
  const Model& model_;
  const Release& release_;
};

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

// ---- YAML --------------------------------------------------------------------

bool needs_quotes(std::string_view s) {
  if (s.empty() || trim(s) != s) return true;
  if (s.find_first_of("\n\r\t\"'\\#") != std::string_view::npos) return true;
  if (s.find(": ") != std::string_view::npos || s.back() == ':') return true;
  return std::string_view("-?:,[]{}&*!|>%@`").find(s.front()) != std::string_view::npos;
}

std::string yaml_scalar(const yaml::Node& node, std::string_view key) {
  if (node.is_null()) return "null";
  if (credential_like(key, node.scalar)) return fmt::format("\"{}\"", kRedacted);
  const std::string& s = node.scalar;
  if (node.style == yaml::Style::Plain && !needs_quotes(s)) return s;
  // Double-quoted YAML is a superset of a JSON string.
  return ordered_json(s).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string yaml_key(const std::string& key) {
  return needs_quotes(key) ? ordered_json(key).dump() : key;
}

void write_yaml_node(const Walker& w, const yaml::Node& node, const std::string& path,
                     std::string_view key, int indent, std::ostream& out, int depth);

void write_yaml_entries(const Walker& w, const yaml::Node& map, const std::string& path, int indent,
                        std::ostream& out, int depth) {
  for (const auto& entry : map.entries) {
    std::string p = child_path(path, entry.key);
    out << std::string(indent, ' ') << yaml_key(entry.key) << ":";
    write_yaml_node(w, entry.value, p, entry.key, indent, out, depth + 1);
  }
}

// Writes the value after "key:" (or "-"): inline for scalars, on the next
// lines for non-empty maps and lists.
void write_yaml_node(const Walker& w, const yaml::Node& node, const std::string& path,
                     std::string_view key, int indent, std::ostream& out, int depth) {
  if (depth > kMaxDepth) {
    out << " \"...\"  # nested too deep to show\n";
    return;
  }
  if (node.is_map() && !node.entries.empty()) {
    out << "\n";
    write_yaml_entries(w, node, path, indent + 2, out, depth);
    return;
  }
  if (node.is_seq() && !node.items.empty()) {
    out << "\n";
    for (size_t i = 0; i < node.items.size(); ++i) {
      out << std::string(indent + 2, ' ') << "-";
      write_yaml_node(w, node.items[i], fmt::format("{}[{}]", path, i), key, indent + 2, out,
                      depth + 1);
    }
    return;
  }
  std::string value = node.is_map() ? "{}" : node.is_seq() ? "[]" : yaml_scalar(node, key);
  out << " " << value << "  # " << w.origin(node, path).text() << "\n";
}

// ---- JSON --------------------------------------------------------------------

ordered_json json_scalar(const yaml::Node& node, std::string_view key) {
  if (node.is_null()) return nullptr;
  if (credential_like(key, node.scalar)) return kRedacted;
  const std::string& s = node.scalar;
  if (node.style == yaml::Style::Plain) {
    if (s == "true") return true;
    if (s == "false") return false;
    if (!s.empty() && s.find_first_not_of("-0123456789") == std::string::npos &&
        s.find('-', 1) == std::string::npos && s != "-" && s.size() < 18) {
      return std::stoll(s);
    }
  }
  return s;
}

ordered_json json_node(const Walker& w, const yaml::Node& node, const std::string& path,
                       std::string_view key, ordered_json& leaves, int depth) {
  if (depth > kMaxDepth) return "...";
  if (node.is_map()) {
    ordered_json j = ordered_json::object();
    for (const auto& entry : node.entries) {
      j[entry.key] =
          json_node(w, entry.value, child_path(path, entry.key), entry.key, leaves, depth + 1);
    }
    if (!node.entries.empty()) return j;
  } else if (node.is_seq()) {
    ordered_json j = ordered_json::array();
    for (size_t i = 0; i < node.items.size(); ++i) {
      j.push_back(
          json_node(w, node.items[i], fmt::format("{}[{}]", path, i), key, leaves, depth + 1));
    }
    if (!node.items.empty()) return j;
  }
  ordered_json value = node.is_map()   ? ordered_json::object()
                       : node.is_seq() ? ordered_json::array()
                                       : json_scalar(node, key);
  Origin o = w.origin(node, path);
  ordered_json leaf;
  leaf["path"] = path;
  leaf["value"] = value;
  leaf["origin"] = o.kind;
  if (o.kind == "file") {
    leaf["file"] = o.file;
    leaf["line"] = o.line;
  }
  if (!o.reason.empty()) leaf["reason"] = o.reason;
  leaves.push_back(std::move(leaf));
  return value;
}

std::string release_place(const Model& model, const Release& release) {
  if (!release.location.known() || release.location.file >= model.files.size()) return {};
  return fmt::format("{}:{}", model.files[release.location.file].path,
                     release.location.range.begin.line);
}

std::string layer_place(const Model& model, const ValuesLayer& layer) {
  if (!layer.anchor.known() || layer.anchor.file >= model.files.size()) return {};
  return fmt::format("{}:{}", model.files[layer.anchor.file].path, layer.anchor.range.begin.line);
}

}  // namespace

void write_values_yaml(const ValuesView& view, std::ostream& out) {
  out << "# " << kNote << "\n";
  for (const Release* release : view.releases) {
    const Model& model = *view.model;
    Walker w(model, *release);
    out << "---\n";
    out << fmt::format("# release {} ({}{}, environment {}) at {}\n", release->name,
                       release->source,
                       release->namespace_name.empty() ? std::string(", namespace unknown")
                                                       : ", namespace " + release->namespace_name,
                       release->environment, release_place(model, *release));
    out << "# layers, lowest priority first:\n#   chart defaults (the keys seldon-lint knows)\n";
    for (const auto& layer : release->layers) {
      std::string place = layer_place(model, layer);
      out << "#   " << layer.description << (place.empty() ? "" : " (" + place + ")");
      if (layer.unreadable) out << " -- cannot be read: " << layer.reason;
      out << "\n";
    }
    if (release->effective.is_map() && !release->effective.entries.empty()) {
      write_yaml_entries(w, release->effective, "", 0, out, 0);
    } else {
      out << "{}\n";
    }
  }
}

void write_values_json(const ValuesView& view, std::ostream& out) {
  ordered_json root;
  root["version"] = view.tool_version;
  root["note"] = kNote;
  ordered_json releases = ordered_json::array();
  for (const Release* release : view.releases) {
    const Model& model = *view.model;
    Walker w(model, *release);
    ordered_json r;
    r["name"] = release->name;
    r["source"] = release->source;
    r["namespace"] = release->namespace_name.empty() ? ordered_json(nullptr)
                                                     : ordered_json(release->namespace_name);
    r["environment"] = release->environment;
    std::string place = release_place(model, *release);
    r["location"] = place.empty() ? ordered_json(nullptr) : ordered_json(place);
    ordered_json layers = ordered_json::array();
    for (const auto& layer : release->layers) {
      ordered_json l;
      l["description"] = layer.description;
      std::string at = layer_place(model, layer);
      l["location"] = at.empty() ? ordered_json(nullptr) : ordered_json(at);
      l["readable"] = !layer.unreadable;
      if (layer.unreadable) l["reason"] = layer.reason;
      layers.push_back(std::move(l));
    }
    r["layers"] = std::move(layers);
    ordered_json leaves = ordered_json::array();
    r["values"] = json_node(w, release->effective, "", "", leaves, 0);
    r["leaves"] = std::move(leaves);
    releases.push_back(std::move(r));
  }
  root["releases"] = std::move(releases);
  out << root.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace seldon_lint
