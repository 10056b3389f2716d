// Argo CD ApplicationSet (argoproj.io): the template rendered once per
// generator parameter set (list elements, git files/directories in this
// repository, matrix/merge products).  A value file still templated after
// that (cluster labels, other repositories) is matched against the
// repository's files: one Application per match, so per-environment value
// files become layers, not standalone releases.
#include <algorithm>
#include <cctype>
#include <set>

#include "linter/base/glob.hpp"
#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/source_context.hpp"
#include "linter/parse/gotemplate/template.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;
using Params = ApplicationSetExpander::Params;

// Marks a parameter set some of whose parameters are not known here.
constexpr std::string_view kOpenParameters = "\x01open";

// matrix/merge generators inside matrix/merge generators: Argo CD itself
// allows two levels; deeper is SL002 at the key and not expanded.
constexpr int kMaxGeneratorNesting = 3;
// Parameter sets one generator yields; the rest is not expanded.
constexpr size_t kMaxParameterSets = 256;

// ApplicationSet parameters: `{{ .env }}`, `{{env}}` and `{{ .path.basename }}`
// all look up "env" / "path.basename".
std::string template_key(std::string_view expression) {
  std::string_view e = trim(expression);
  if (!e.empty() && e.front() == '-') e = trim(e.substr(1));
  if (!e.empty() && e.back() == '-') e = trim(e.substr(0, e.size() - 1));
  if (!e.empty() && e.front() == '.') e.remove_prefix(1);
  return std::string(e);
}

std::string render_text(const std::string& text, const Params& params) {
  std::string out;
  size_t last = 0;
  for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open)) {
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) break;
    auto it = params.find(template_key(std::string_view(text).substr(open + 2, close - open - 2)));
    if (it != params.end()) {
      out.append(text, last, open - last);
      out += it->second;
      last = close + 2;
    }
    open = close + 2;
  }
  out.append(text, last, std::string::npos);
  return out;
}

// ---- goTemplate: true ---------------------------------------------------------
// Each `{{ action }}` of a field is rendered on its own with Go text/template
// (and Sprig, as Argo CD does) when every field it reads is a known
// parameter; an action that reads an unknown one (a cluster label, a
// parameter of a generator outside the repository) or uses what the renderer
// refuses stays as written, for the value-file matching below.  A field with
// control actions (if/range/with) is left whole.

// Parameters as the nested data Go templates see: `path.basename` is
// .path.basename, `path.segments[1]` is (index .path.segments 1).
gotemplate::Value params_as_data(const Params& params) {
  using gotemplate::Value;
  Value root = Value::map();
  for (const auto& [key, text] : params) {
    if (key == kOpenParameters) continue;
    if (key.find('[') != std::string::npos && key.rfind("path.segments[", 0) != 0) continue;
    Value* at = &root;
    auto parts = split(key, '.');
    for (size_t i = 0; i < parts.size(); ++i) {
      std::string part(parts[i]);
      size_t bracket = part.find('[');
      bool last = i + 1 == parts.size();
      gotemplate::Map& map = at->as_map();
      if (bracket != std::string::npos) {  // segments[3]
        std::string name = part.substr(0, bracket);
        size_t index = std::strtoul(part.c_str() + bracket + 1, nullptr, 10);
        Value& list = map[name];
        if (!list.is_list()) list = Value::list();
        if (index > 64) break;
        while (list.as_list().size() <= index) list.as_list().push_back(Value::string(""));
        list.as_list()[index] = Value::string(text);
        break;
      }
      Value& slot = map[part];
      if (last) {
        if (!slot.is_map()) slot = Value::string(text);  // `path` the map wins over `path` the text
        break;
      }
      if (!slot.is_map()) slot = Value::map();
      at = &slot;
    }
  }
  return root;
}

// Field chains an action reads (`.a.b` → "a.b"); false when it reads
// something else whose value is unknown here (`.` itself, `$`).
bool fields_read(std::string_view action, bool whole_dot_known, std::vector<std::string>& out) {
  bool in_string = false;
  for (size_t i = 0; i < action.size(); ++i) {
    char c = action[i];
    if (c == '"' && (i == 0 || action[i - 1] != '\\')) in_string = !in_string;
    if (in_string) continue;
    if (c == '$') return false;
    if (c != '.') continue;
    size_t end = i + 1;
    while (end < action.size() && (std::isalnum(static_cast<unsigned char>(action[end])) ||
                                   action[end] == '_' || action[end] == '.')) {
      ++end;
    }
    if (end == i + 1) {  // the dot itself
      if (!whole_dot_known) return false;
      continue;
    }
    out.emplace_back(action.substr(i + 1, end - i - 1));
    i = end - 1;
  }
  return true;
}

bool known_parameter(const Params& params, const std::string& field) {
  if (params.count(field) != 0) return true;
  auto it = params.lower_bound(field);
  return it != params.end() && it->first.size() > field.size() &&
         it->first.compare(0, field.size(), field) == 0 &&
         (it->first[field.size()] == '.' || it->first[field.size()] == '[');
}

bool control_action(std::string_view inner) {
  for (std::string_view word : {"if ", "else", "end", "range ", "with ", "define ", "template ",
                                "block ", "break", "continue", "/*"}) {
    if (starts_with(inner, word) || inner == trim(word)) return true;
  }
  return false;
}

std::string render_text_go(const std::string& text, const Params& params,
                           const gotemplate::Value& data, bool missing_key_error) {
  std::string out;
  size_t last = 0;
  for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open)) {
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) break;
    std::string_view inner = trim(std::string_view(text).substr(open + 2, close - open - 2));
    if (starts_with(inner, "-")) inner = trim(inner.substr(1));
    if (!inner.empty() && inner.back() == '-') inner = trim(inner.substr(0, inner.size() - 1));
    if (control_action(inner)) return text;  // rendered whole or not at all
    std::vector<std::string> fields;
    // With every parameter known, a missing one is nil (Sprig's default
    // applies), unless missingkey=error makes it an error.
    bool complete = params.count(std::string(kOpenParameters)) == 0;
    bool renderable = fields_read(inner, complete, fields) && (!fields.empty() || complete);
    if (!complete || missing_key_error) {
      for (const auto& f : fields) renderable = renderable && known_parameter(params, f);
    }
    if (renderable) {
      gotemplate::TemplateSet set;
      // Argo CD's own addition to Sprig.
      set.add_function("normalize", [](const std::vector<gotemplate::Value>& args) {
        if (args.size() != 1 || !args[0].is_string()) throw gotemplate::EvalError("normalize");
        std::string s = args[0].as_string();
        for (auto& c : s) {
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '-';
        }
        return gotemplate::Value::string(s.substr(0, 253));
      });
      uint32_t file = set.add_file("template", "{{ " + std::string(inner) + " }}");
      gotemplate::RenderResult result = set.render(file, data);
      if (result.ok()) {
        out.append(text, last, open - last);
        out += result.output;
        last = close + 2;
      }
    }
    open = close + 2;
  }
  out.append(text, last, std::string::npos);
  return out;
}

struct GoOptions {
  bool enabled = false;            // spec.goTemplate
  bool missing_key_error = false;  // goTemplateOptions: [missingkey=error]
};

void render_template(Node& node, const Params& params, GoOptions go,
                     const gotemplate::Value& data) {
  if (node.is_scalar()) {
    if (!templated(node.scalar)) return;
    node.scalar = go.enabled ? render_text_go(node.scalar, params, data, go.missing_key_error)
                             : render_text(node.scalar, params);
    return;
  }
  for (auto& e : node.entries) render_template(e.value, params, go, data);
  for (auto& i : node.items) render_template(i, params, go, data);
}

// fasttemplate (the default): `{{key}}` replaced by the parameter's text.
void render_template(Node& node, const Params& params) {
  render_template(node, params, GoOptions{}, gotemplate::Value());
}

void flatten_params(const Node& node, const std::string& prefix, Params& out, int depth) {
  if (depth > 8) return;
  if (node.is_scalar()) {
    if (!prefix.empty()) out[prefix] = node.scalar;
  } else if (node.is_map()) {
    for (const auto& e : node.entries) {
      flatten_params(e.value, prefix.empty() ? e.key : prefix + "." + e.key, out, depth + 1);
    }
  }
}

// The git generators' `path` parameters for a folder (and file).
void add_path_params(const std::string& folder, const std::string& filename, Params& p) {
  auto normalized = [](std::string s) {
    for (auto& c : s) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '-';
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
  };
  std::string base = folder.substr(folder.rfind('/') + 1);
  p["path"] = folder;
  p["path.path"] = folder;
  p["path.basename"] = base;
  p["path.basenameNormalized"] = normalized(base);
  if (!filename.empty()) {
    p["path.filename"] = filename;
    p["path.filenameNormalized"] = normalized(filename);
  }
  size_t i = 0;
  for (auto part : split(folder, '/')) {
    p["path[" + std::to_string(i) + "]"] = std::string(part);
    p["path.segments[" + std::to_string(i) + "]"] = std::string(part);
    ++i;
  }
}

// `path:` globs of a git generator; entries with `exclude: true` remove.
bool git_path_matches(const Node& entries, std::string_view path) {
  bool matched = false;
  for (const auto& e : entries.items) {
    std::string glob = scalar_at(&e, "path");
    if (glob.empty() || !glob_match(glob, path)) continue;
    if (yaml::is_true(e.find("exclude"))) return false;
    matched = true;
  }
  return matched;
}

// What makes two rendered instances the same release (not the cluster or
// the Application's name).
void append_signature(const Node& node, std::string& out, int depth) {
  if (depth > 16) return;
  if (node.is_scalar()) {
    out += node.scalar;
    out += '\x1f';
    return;
  }
  for (const auto& e : node.entries) {
    out += e.key;
    out += '\x1e';
    append_signature(e.value, out, depth + 1);
  }
  for (const auto& i : node.items) append_signature(i, out, depth + 1);
  out += '\x1d';
}

std::string template_signature(const Node& rendered) {
  std::string out;
  if (const Node* spec = rendered.find("spec")) {
    if (const Node* s = spec->find("source")) append_signature(*s, out, 0);
    if (const Node* s = spec->find("sources")) append_signature(*s, out, 0);
    if (const Node* ns = spec->at("destination.namespace")) append_signature(*ns, out, 0);
  }
  return out;
}

}  // namespace

// Matches `pattern` (literal text with `{{ expr }}` holes, each one path
// segment or part of one) against `path`, binding each hole.
//
// No backtracking: a table says, for every pattern token and path offset,
// whether the rest of the pattern can match the rest of the path (holes are
// non-empty and hold no '/'), in O(tokens x path length).  The binding is
// then read off forwards, each hole taking the shortest value that still
// lets the rest match (what trying values shortest-first found, without the
// exponential search and a copy of the bindings at every step).  A hole whose
// key is already bound must repeat its value.
bool bind_template_holes(std::string_view pattern, std::string_view path,
                         std::map<std::string, std::string>& binding, size_t* steps) {
  struct Token {
    bool hole;
    std::string text;  // literal text, or the hole's key
  };
  std::vector<Token> tokens;
  for (size_t pos = 0; pos < pattern.size();) {
    size_t open = pattern.find("{{", pos);
    if (open != pos) {
      size_t end = open == std::string_view::npos ? pattern.size() : open;
      tokens.push_back({false, std::string(pattern.substr(pos, end - pos))});
      pos = end;
      continue;
    }
    size_t close = pattern.find("}}", open + 2);
    if (close == std::string_view::npos) return false;
    tokens.push_back({true, template_key(pattern.substr(open + 2, close - open - 2))});
    pos = close + 2;
  }
  const size_t n = path.size();
  constexpr size_t kNone = static_cast<size_t>(-1);
  // can[i][p]: tokens i.. match path[p..].  shortest[i][p]: for hole i, the
  // smallest end e > p with path[p, e) free of '/' and can[i + 1][e].
  std::vector<std::vector<char>> can(tokens.size() + 1, std::vector<char>(n + 1, 0));
  std::vector<std::vector<size_t>> shortest(tokens.size(), std::vector<size_t>(n + 1, kNone));
  if (steps != nullptr) *steps += (tokens.size() + 1) * (n + 1);  // the table's cells
  can[tokens.size()][n] = 1;
  for (size_t i = tokens.size(); i-- > 0;) {
    const Token& t = tokens[i];
    for (size_t p = n + 1; p-- > 0;) {
      if (!t.hole) {
        can[i][p] = path.compare(p, t.text.size(), t.text) == 0 && p + t.text.size() <= n &&
                    can[i + 1][p + t.text.size()];
        continue;
      }
      if (p == n || path[p] == '/') continue;
      size_t e = kNone;
      if (can[i + 1][p + 1]) {
        e = p + 1;
      } else if (p + 1 < n && path[p + 1] != '/') {
        e = shortest[i][p + 1];
      }
      shortest[i][p] = e;
      can[i][p] = e != kNone;
    }
  }
  if (!can[0][0]) return false;
  std::map<std::string, std::string> result = binding;
  size_t p = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!t.hole) {
      p += t.text.size();
      continue;
    }
    auto bound = result.find(t.text);
    if (bound != result.end()) {
      const std::string& v = bound->second;
      if (v.empty() || path.compare(p, v.size(), v) != 0 || v.find('/') != std::string::npos ||
          !can[i + 1][p + v.size()]) {
        return false;
      }
      p += v.size();
      continue;
    }
    size_t e = shortest[i][p];
    if (e == kNone) return false;
    result.emplace(t.text, std::string(path.substr(p, e - p)));
    p = e;
  }
  binding = std::move(result);
  return p == n;
}

void ApplicationSetExpander::visit(FileId id, const Node& root) {
  const Node* spec = root.find("spec");
  const Node* tmpl = spec == nullptr ? nullptr : spec->find("template");
  if (tmpl == nullptr || !tmpl->is_map()) return;
  // The template rendered once per generator parameter set; a value file
  // still templated after that (cluster labels, other repositories) is
  // matched against the repository: one instance per match, so per-
  // environment value files become layers, not standalone releases.
  GoOptions go;
  go.enabled = yaml::is_true(spec->find("goTemplate"));
  if (const Node* options = spec->find("goTemplateOptions"); options != nullptr) {
    for (const auto& o : options->items) {
      if (o.is_scalar() && o.scalar == "missingkey=error") go.missing_key_error = true;
    }
  }
  std::set<std::string> rendered_before;
  for (const auto& params : generator_params(spec->find("generators"), 0)) {
    Node rendered = *tmpl;
    render_template(rendered, params, go, params_as_data(params));
    for (const auto& binding : value_file_bindings(rendered)) {
      Node instance = rendered;
      if (!binding.empty()) render_template(instance, binding);
      std::string signature = template_signature(instance);
      if (!rendered_before.insert(signature).second) continue;
      const Node* t = ctx_.own(std::move(instance));
      visit_argo_spec(ctx_, id, root, t->find("metadata"), t->find("spec"), true);
    }
  }
}

// One generator's parameter sets.  `list` elements, git `files` and
// `directories` found in this repository, and `matrix` products of those;
// a generator whose parameters live outside the repository (clusters, SCM,
// pull requests, plugins) gives one empty set.
std::vector<ApplicationSetExpander::Params> ApplicationSetExpander::one_generator(const Node& g,
                                                                                  int depth) {
  if (const Node* list = g.find("list"); list != nullptr) {
    std::vector<Params> sets;
    const Node* elements = list->find("elements");
    if (elements != nullptr && elements->is_seq()) {
      for (const auto& item : elements->items) {
        Params p;
        flatten_params(item, "", p, 0);
        sets.push_back(std::move(p));
      }
    }
    if (sets.empty()) sets.emplace_back();
    return sets;
  }
  if (const Node* git = g.find("git"); git != nullptr) {
    std::vector<Params> sets;
    if (const Node* files = git->find("files"); files != nullptr && files->is_seq()) {
      for (FileId f = 0; f < ctx_.model.files.size(); ++f) {
        const std::string& path = ctx_.model.files[f].path;
        if (!git_path_matches(*files, path)) continue;
        ctx_.values_root(f);
        std::string folder = folder_of(path);
        std::string filename = path.substr(path.rfind('/') + 1);
        for (const auto& doc : ctx_.model.files[f].documents) {
          std::vector<const Node*> objects;
          if (doc.root.is_map()) objects.push_back(&doc.root);
          if (doc.root.is_seq()) {
            for (const auto& item : doc.root.items) objects.push_back(&item);
          }
          for (const Node* object : objects) {
            Params p;
            flatten_params(*object, "", p, 0);
            add_path_params(folder, filename, p);
            sets.push_back(std::move(p));
          }
        }
      }
    }
    if (const Node* dirs = git->find("directories"); dirs != nullptr && dirs->is_seq()) {
      std::set<std::string> folders;
      for (const auto& file : ctx_.model.files) {
        for (std::string folder = folder_of(file.path); !folder.empty();
             folder = folder_of(folder)) {
          if (!folders.insert(folder).second) break;
        }
      }
      for (const auto& folder : folders) {
        if (!git_path_matches(*dirs, folder)) continue;
        Params p;
        add_path_params(folder, "", p);
        sets.push_back(std::move(p));
      }
    }
    if (sets.empty()) sets.emplace_back();
    return sets;
  }
  for (const char* combining : {"matrix", "merge"}) {
    const yaml::Entry* entry = g.find_entry(combining);
    if (entry == nullptr || depth < kMaxGeneratorNesting) continue;
    ctx_.report_problem("SL002", Location{entry->key_file, entry->key_range},
                        "ApplicationSet generators nested deeper than " +
                            std::to_string(kMaxGeneratorNesting) +
                            " levels (matrix/merge): not expanded");
    return {Params{{std::string(kOpenParameters), "1"}}};
  }
  if (const Node* matrix = g.find("matrix"); matrix != nullptr) {
    const Node* children = matrix->find("generators");
    std::vector<Params> product{Params{}};
    if (children != nullptr && children->is_seq()) {
      for (const auto& child : children->items) {
        std::vector<Params> next;
        // Each child once, not once per left-hand set (nested matrices multiplied).
        const std::vector<Params> rights = one_generator(child, depth + 1);
        for (const auto& left : product) {
          for (const auto& right : rights) {
            if (next.size() >= kMaxParameterSets) break;
            Params p = left;
            for (const auto& [k, v] : right) p.emplace(k, v);
            next.push_back(std::move(p));
          }
        }
        product = std::move(next);
      }
    }
    return product;
  }
  if (const Node* merge = g.find("merge"); merge != nullptr) {
    return generator_params(merge->find("generators"), depth + 1);
  }
  // Parameters from outside the repository (clusters, SCM, pull requests,
  // plugins): unknown, and marked so that `.` as a whole is not rendered.
  return {Params{{std::string(kOpenParameters), "1"}}};
}

std::vector<ApplicationSetExpander::Params> ApplicationSetExpander::generator_params(
    const Node* generators, int depth) {
  std::vector<Params> out;
  if (generators != nullptr && generators->is_seq()) {
    for (const auto& g : generators->items) {
      for (auto& p : one_generator(g, depth)) {
        if (out.size() < kMaxParameterSets) out.push_back(std::move(p));
      }
    }
  }
  if (out.empty()) out.emplace_back();
  return out;
}

// Repository files matching a templated path, as hole bindings.  Only files
// under the pattern's literal prefix (model.files is sorted by path) and with
// its literal suffix are tried, and each pattern is matched once: catalogs
// render the same value-file pattern for every cluster.
const std::vector<ApplicationSetExpander::Params>& ApplicationSetExpander::bindings_for(
    const std::string& pattern) {
  auto cached = binding_cache_.find(pattern);
  if (cached != binding_cache_.end()) return cached->second;
  std::vector<Params> out;
  std::set<Params> seen;
  std::string_view view(pattern);
  std::string_view prefix = view.substr(0, view.find("{{"));
  size_t last_close = view.rfind("}}");
  std::string_view suffix =
      last_close == std::string_view::npos ? std::string_view() : view.substr(last_close + 2);
  auto first = std::lower_bound(
      ctx_.model.files.begin(), ctx_.model.files.end(), prefix,
      [](const SourceFile& file, std::string_view p) { return std::string_view(file.path) < p; });
  for (auto it = first; it != ctx_.model.files.end() && starts_with(it->path, prefix); ++it) {
    if (!ends_with(it->path, suffix)) continue;
    Params binding;
    if (bind_template_holes(pattern, it->path, binding) && seen.insert(binding).second &&
        out.size() < 64) {
      out.push_back(std::move(binding));
    }
  }
  return binding_cache_.emplace(pattern, std::move(out)).first->second;
}

// Bindings of the holes left in the first still-templated value file of a
// rendered template, one per repository file it matches; {{}} when none.
std::vector<ApplicationSetExpander::Params> ApplicationSetExpander::value_file_bindings(
    const Node& rendered) {
  const Node* spec = rendered.find("spec");
  if (spec == nullptr) return {Params{}};
  std::vector<const Node*> sources;
  if (const Node* s = spec->find("source"); s != nullptr && s->is_map()) sources.push_back(s);
  if (const Node* list = spec->find("sources"); list != nullptr && list->is_seq()) {
    for (const auto& s : list->items) sources.push_back(&s);
  }
  for (const Node* s : sources) {
    const Node* files = s->at("helm.valueFiles");
    if (files == nullptr || !files->is_seq()) continue;
    std::string source_path = scalar_at(s, "path");
    for (const auto& f : files->items) {
      if (!f.is_scalar() || !templated(f.scalar)) continue;
      std::string pattern;
      if (starts_with(f.scalar, "$")) {
        size_t slash = f.scalar.find('/');
        if (slash == std::string::npos) continue;
        pattern = f.scalar.substr(slash + 1);
        while (starts_with(pattern, "./")) pattern.erase(0, 2);
        while (starts_with(pattern, "/")) pattern.erase(0, 1);
      } else if (!source_path.empty() && !templated(source_path)) {
        pattern = resolve_relative(normalise_root_path(source_path) + "/_", f.scalar);
      } else {
        continue;
      }
      const std::vector<Params>& out = bindings_for(pattern);
      if (!out.empty()) return out;
    }
  }
  return {Params{}};
}

}  // namespace seldon_lint
