#include "linter/input/references.hpp"

#include <iterator>

#include "linter/base/repo_path.hpp"
#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

constexpr int kMaxGeneratorDepth = 4;  // matrix/merge nesting (Argo CD allows two levels)

std::string text_at(const Node* root, std::string_view path) {
  const Node* n = root == nullptr ? nullptr : root->at(path);
  return n == nullptr ? std::string() : std::string(n->str());
}

bool api_group_is(std::string_view api_version, std::string_view group) {
  return api_version == group ||
         (api_version.starts_with(group) && api_version.size() > group.size() &&
          api_version[group.size()] == '/');
}

bool templated(std::string_view text) {
  return text.find("{{") != std::string_view::npos;
}

// A path (exact, or a glob when it holds template holes).
void add_path(std::string path, FileReferences& out) {
  if (path.empty() || path == "\x01") return;
  if (templated(path)) {
    out.globs.insert(template_holes_as_glob(path));
  } else {
    out.paths.push_back(std::move(path));
  }
}

void add_relative(const std::string& from, const Node& item, FileReferences& out) {
  if (item.is_scalar()) add_path(resolve_relative(from, item.scalar), out);
}

template <typename F>
void for_each_item(const Node* list, F&& f) {
  if (list == nullptr || !list->is_seq()) return;
  for (const auto& item : list->items) f(item);
}

// `key=path` or `path`, as in Kustomize generator `files`.
std::string file_source_path(const std::string& item) {
  size_t eq = item.find('=');
  return eq == std::string::npos ? item : item.substr(eq + 1);
}

void kustomization_references(const std::string& path, const Node& root, FileReferences& out) {
  for (const char* key : {"resources", "bases", "components"}) {
    for_each_item(root.find(key), [&](const Node& item) {
      if (!item.is_scalar()) return;
      std::string resolved = resolve_relative(path, item.scalar);
      if (!resolved.empty()) out.syntax_only.push_back(std::move(resolved));
    });
  }
  for_each_item(root.find("configurations"),
                [&](const Node& item) { add_relative(path, item, out); });
  for_each_item(root.find("patchesStrategicMerge"), [&](const Node& item) {
    // Inline strategic-merge patches are YAML text, not paths.
    if (item.is_scalar() && item.scalar.find('\n') == std::string::npos &&
        item.scalar.find(':') == std::string::npos) {
      add_relative(path, item, out);
    }
  });
  for (const char* key : {"patches", "patchesJson6902", "replacements"}) {
    for_each_item(root.find(key), [&](const Node& patch) {
      if (const Node* file = patch.find("path")) add_relative(path, *file, out);
    });
  }
  for (const char* key : {"configMapGenerator", "secretGenerator"}) {
    for_each_item(root.find(key), [&](const Node& generator) {
      for_each_item(generator.find("files"), [&](const Node& file) {
        if (file.is_scalar()) add_path(resolve_relative(path, file_source_path(file.scalar)), out);
      });
    });
  }
  for_each_item(root.find("helmCharts"), [&](const Node& chart) {
    if (const Node* file = chart.find("valuesFile")) add_relative(path, *file, out);
    for_each_item(chart.find("additionalValuesFiles"),
                  [&](const Node& file) { add_relative(path, file, out); });
  });
}

// helmfile `{{ .Environment.Name }}` in a values path, once per environment.
void add_helmfile_values(const std::string& path, const Node& item,
                         const std::vector<std::string>& environments, FileReferences& out) {
  if (!item.is_scalar()) return;
  const std::string& text = item.scalar;
  if (text.find(".Environment.Name") == std::string::npos || environments.empty()) {
    add_path(resolve_relative(path, text), out);
    return;
  }
  for (const auto& env : environments) {
    std::string expanded = text;
    for (size_t open = expanded.find("{{"); open != std::string::npos;
         open = expanded.find("{{", open)) {
      size_t close = expanded.find("}}", open);
      if (close == std::string::npos) break;
      if (expanded.substr(open, close - open).find(".Environment.Name") != std::string::npos) {
        expanded.replace(open, close + 2 - open, env);
      } else {
        open = close;
      }
    }
    add_path(resolve_relative(path, expanded), out);
  }
}

void helmfile_references(const SourceFile& file, FileReferences& out) {
  std::vector<std::string> environments;
  for (const auto& doc : file.documents) {
    const Node* envs = doc.root.find("environments");
    if (envs == nullptr || !envs->is_map()) continue;
    for (const auto& e : envs->entries) {
      environments.push_back(e.key);
      for_each_item(e.value.find("values"),
                    [&](const Node& item) { add_relative(file.path, item, out); });
    }
  }
  for (const auto& doc : file.documents) {
    for_each_item(doc.root.find("releases"), [&](const Node& release) {
      for_each_item(release.find("values"), [&](const Node& item) {
        add_helmfile_values(file.path, item, environments, out);
      });
    });
  }
}

// `helm.valueFiles` of an Application spec (or an ApplicationSet template's).
void argo_spec_references(const Node* spec, FileReferences& out) {
  if (spec == nullptr || !spec->is_map()) return;
  std::vector<const Node*> sources;
  if (const Node* s = spec->find("source"); s != nullptr && s->is_map()) sources.push_back(s);
  for_each_item(spec->find("sources"), [&](const Node& s) { sources.push_back(&s); });
  for (const Node* source : sources) {
    std::string source_path = text_at(source, "path");
    for_each_item(source->at("helm.valueFiles"), [&](const Node& f) {
      if (!f.is_scalar()) return;
      if (f.scalar.starts_with("$")) {  // `$ref/path`: from the repository root
        size_t slash = f.scalar.find('/');
        if (slash != std::string::npos)
          add_path(normalise_root_path(f.scalar.substr(slash + 1)), out);
      } else if (!source_path.empty()) {
        add_path(resolve_relative(normalise_root_path(source_path) + "/_", f.scalar), out);
      }
    });
  }
}

// Git `files` generators (also inside matrix/merge) read the files they match.
void generator_references(const Node* generators, int depth, FileReferences& out) {
  if (depth > kMaxGeneratorDepth) return;
  for_each_item(generators, [&](const Node& g) {
    for_each_item(g.at("git.files"), [&](const Node& entry) {
      std::string glob = text_at(&entry, "path");
      if (!glob.empty() && !yaml::is_true(entry.find("exclude"))) out.globs.insert(glob);
    });
    for (const char* nested : {"matrix", "merge"}) {
      if (const Node* n = g.find(nested))
        generator_references(n->find("generators"), depth + 1, out);
    }
  });
}

void object_references(const Node& root, FileReferences& out) {
  std::string kind = text_at(&root, "kind");
  std::string api = text_at(&root, "apiVersion");
  auto add_names = [&](const Node* list) {
    for_each_item(list, [&](const Node& item) {
      std::string name = text_at(&item, "name");
      if (!name.empty()) out.object_names.insert(name);
    });
  };
  if (kind == "HelmRelease" && api_group_is(api, "helm.toolkit.fluxcd.io")) {
    add_names(root.at("spec.valuesFrom"));
  } else if (kind == "Kustomization" && api_group_is(api, "kustomize.toolkit.fluxcd.io")) {
    add_names(root.at("spec.postBuild.substituteFrom"));
  } else if (kind == "Application" && api_group_is(api, "argoproj.io")) {
    argo_spec_references(root.find("spec"), out);
  } else if (kind == "ApplicationSet" && api_group_is(api, "argoproj.io")) {
    argo_spec_references(root.at("spec.template.spec"), out);
    generator_references(root.at("spec.generators"), 0, out);
  }
}

// A helmfile template (helmfile.yaml.gotmpl, a `.gotmpl` value file) is only
// text until the model renders it: the YAML files it could name are the list
// items and `readFile` arguments that look like YAML paths.  Over-reading only
// costs a parse; a path it misses stays unread and makes its layer unknown.
void template_text_references(const SourceFile& file, FileReferences& out) {
  for (std::string_view line : split(file.text, '\n')) {
    std::string_view t = trim(line);
    if (size_t read = t.find("readFile"); read != std::string_view::npos) {
      t = trim(t.substr(read + 8));
    } else if (t.starts_with("- ")) {
      t = trim(t.substr(2));
    } else {
      continue;
    }
    if (!t.empty() && (t.front() == '"' || t.front() == '\'')) {
      size_t close = t.find(t.front(), 1);
      t = close == std::string_view::npos ? std::string_view() : t.substr(1, close - 1);
    }
    if (t.find(' ') != std::string_view::npos && !templated(t)) continue;
    if (!(t.ends_with(".yaml") || t.ends_with(".yml"))) continue;
    if (t.find("://") != std::string_view::npos || t.find("::") != std::string_view::npos) continue;
    add_path(resolve_relative(file.path, std::string(t)), out);
  }
}

}  // namespace

std::string template_holes_as_glob(std::string_view path) {
  std::string out;
  size_t last = 0;
  for (size_t open = path.find("{{"); open != std::string_view::npos;
       open = path.find("{{", last)) {
    size_t close = path.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(path.substr(last, open - last));
    if (out.empty() || out.back() != '*') out.push_back('*');
    last = close + 2;
  }
  out.append(path.substr(last));
  return out;
}

void FileReferences::merge(FileReferences& other) {
  auto append = [](std::vector<std::string>& to, std::vector<std::string>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    from.clear();
  };
  append(paths, other.paths);
  append(syntax_only, other.syntax_only);
  globs.merge(other.globs);
  object_names.merge(other.object_names);
}

bool FileReferences::same_as(const FileReferences& other) const {
  auto distinct = [](const std::vector<std::string>& list) {
    return std::set<std::string>(list.begin(), list.end());
  };
  return distinct(paths) == distinct(other.paths) &&
         distinct(syntax_only) == distinct(other.syntax_only) && globs == other.globs &&
         object_names == other.object_names;
}

void collect_references(const SourceFile& file, FileReferences& out) {
  if (file.kind == FileKind::HelmTemplate && file.path.ends_with(".gotmpl")) {
    template_text_references(file, out);
    return;
  }
  if (file.documents.empty()) return;
  if (is_kustomization_path(file.path)) {
    if (file.documents.front().root.is_map()) {
      kustomization_references(file.path, file.documents.front().root, out);
    }
    return;
  }
  if (is_helmfile_path(file.path)) {
    helmfile_references(file, out);
    return;
  }
  for (const auto& doc : file.documents) {
    if (doc.root.is_map()) object_references(doc.root, out);
  }
}

}  // namespace seldon_lint
