#include "linter/model/sources/source_context.hpp"

#include <algorithm>

#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"

namespace seldon_lint {

Location line_location(const SourceFile& file, FileId id, uint32_t line) {
  if (line == 0 || line > file.line_starts.size()) line = 1;
  Location where;
  where.file = id;
  uint32_t start = file.line_starts.empty() ? 0 : file.line_starts[line - 1];
  auto length = static_cast<uint32_t>(file.line_text(line).size());
  where.range.begin = Position{line, 1, start};
  where.range.end = Position{line, length + 1, start + length};
  return where;
}

using yaml::Node;

SourceContext::SourceContext(Model& m, const PathIndex& paths) : model(m), by_path_(paths) {}

// ---- files -----------------------------------------------------------------

const Node* SourceContext::values_root(FileId id) const {
  const SourceFile& file = model.files[id];
  if (file.kind != FileKind::Yaml) return nullptr;
  for (const auto& doc : file.documents) {
    if (doc.root.is_map()) return &doc.root;
  }
  return nullptr;
}

std::optional<FileId> SourceContext::file_at(const std::string& path) const {
  FileId id = by_path_.find(path);
  if (id == kNoFile) return std::nullopt;
  return id;
}

bool SourceContext::has_syntax_error(const std::string& path) const {
  auto file = file_at(path);
  if (!file) return false;
  return std::any_of(model.problems.begin(), model.problems.end(), [&](const InputProblem& p) {
    return p.rule_id == "SL001" && p.location.file == *file;
  });
}

const Node* SourceContext::own(Node node) {
  model.owned.push_back(std::move(node));
  return &model.owned.back();
}

std::vector<Placement> SourceContext::placements_of(FileId file, const Node& root) const {
  std::string ns = scalar_at(&root, "metadata.namespace");
  const std::vector<Placement>* placed = layout->files.find(file);
  if (placed == nullptr) return {Placement{ns, model.files[file].environment, {}, -1}};
  std::vector<Placement> out =
      current_place != nullptr ? std::vector<Placement>{*current_place} : *placed;
  for (auto& p : out) {
    if (p.namespace_name.empty()) p.namespace_name = ns;
  }
  return out;
}

std::vector<Placement> SourceContext::kustomization_places(FileId file) const {
  if (const std::vector<Placement>* placed = layout->kustomizations.find(file)) return *placed;
  return {Placement{"", model.files[file].environment, {}, -1}};
}

// ---- ConfigMaps and generators ----------------------------------------------

const DataObject* SourceContext::find_data(std::string_view kind, const std::string& name,
                                           const std::string& namespace_name,
                                           const std::string& environment) {
  const DataObject* best = nullptr;
  auto range = data_by_name_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) {
    const DataObject& d = data_objects_[it->second];
    if (d.kind != kind || !Model::same_environment(d.environment, environment)) continue;
    if (!namespace_name.empty() && !d.namespace_name.empty() &&
        d.namespace_name != namespace_name) {
      continue;
    }
    // Prefer the copy of the release's own environment over a shared base.
    if (best == nullptr || (best->environment != environment && d.environment == environment)) {
      best = &d;
    }
  }
  return best;
}

void SourceContext::add_data(DataObject object) {
  data_by_name_.emplace(object.name, data_objects_.size());
  data_objects_.push_back(std::move(object));
}

// ---- releases ----------------------------------------------------------------

ReleaseDraft SourceContext::new_draft(std::string name, std::string source,
                                      std::string namespace_name, std::string environment,
                                      Location where, int flux) {
  ReleaseDraft draft;
  draft.release.name = std::move(name);
  draft.release.source = std::move(source);
  draft.release.namespace_name = std::move(namespace_name);
  draft.release.environment = std::move(environment);
  draft.release.location = where;
  draft.flux = flux;
  return draft;
}

void SourceContext::add_layer(ReleaseDraft& draft, const Node* values, Location anchor,
                              std::string description) {
  if (values == nullptr || !values->is_map()) return;
  ValuesLayer layer;
  layer.values = values;
  layer.anchor = anchor;
  layer.description = std::move(description);
  draft.release.layers.push_back(std::move(layer));
}

bool SourceContext::add_file_layer(ReleaseDraft& draft, const std::string& path,
                                   Location reference) {
  auto file = file_at(path);
  if (!file) {
    add_unreadable_layer(draft, reference, "values file " + path, "not in the repository");
    return false;
  }
  const Node* root = values_root(*file);
  referenced.insert(*file);
  if (root == nullptr) {
    // An empty file sets nothing; one that does not parse is unknown.
    const SourceFile& source = model.files[*file];
    if (std::string_view(source.text).find_first_not_of(" \t\r\n") != std::string_view::npos &&
        source.kind == FileKind::Yaml) {
      bool only_comments = true;
      for (auto line : split(source.text, '\n')) {
        std::string_view t = trim(line);
        if (!t.empty() && t.front() != '#' && t != "---") only_comments = false;
      }
      if (!only_comments) {
        add_unreadable_layer(draft, reference, "values file " + path,
                             has_syntax_error(path) ? "it does not parse (SL001)"
                                                    : "it is not a YAML map of values");
      }
    }
    return false;
  }
  add_layer(draft, root, first_key(*root), "values file " + path);
  draft.layer_files.push_back(*file);
  return true;
}

void SourceContext::add_unreadable_layer(ReleaseDraft& draft, Location reference,
                                         std::string description, std::string reason,
                                         std::string scope) {
  ValuesLayer layer;
  layer.unreadable = true;
  layer.anchor = reference.known() ? reference : draft.release.location;
  layer.description = std::move(description);
  layer.reason = std::move(reason);
  layer.scope = std::move(scope);
  draft.release.layers.push_back(std::move(layer));
}

bool SourceContext::folder_exists(const std::string& folder) const {
  std::string prefix = normalise_root_path(folder);
  if (prefix.empty()) return true;  // the repository root
  prefix += '/';
  // model.files is sorted by path.
  auto it =
      std::lower_bound(model.files.begin(), model.files.end(), prefix,
                       [](const SourceFile& file, const std::string& p) { return file.path < p; });
  return it != model.files.end() && starts_with(it->path, prefix);
}

const ChartSource* SourceContext::find_chart_source(std::string_view kind, const std::string& name,
                                                    const std::string& namespace_name) const {
  const ChartSource* best = nullptr;
  for (const auto& source : chart_sources) {
    if (source.kind != kind || source.name != name) continue;
    if (!namespace_name.empty() && !source.namespace_name.empty() &&
        source.namespace_name != namespace_name) {
      continue;
    }
    if (best == nullptr || source.namespace_name == namespace_name) best = &source;
  }
  return best;
}

void SourceContext::add_runtime(const std::string& name, const std::string& ns,
                                const std::string& env, Location where) {
  for (const auto& r : model.runtimes) {  // one ApplicationSet template, several instances
    if (r.name == name && r.namespace_name == ns && r.environment == env &&
        r.location.file == where.file &&
        r.location.range.begin.offset == where.range.begin.offset) {
      return;
    }
  }
  RuntimeRecord runtime;
  runtime.name = name;
  runtime.namespace_name = ns;
  runtime.environment = env;
  runtime.location = where;
  model.runtimes.push_back(std::move(runtime));
}

bool chart_is(std::string_view chart, std::string_view wanted) {
  return chart == wanted || (chart.ends_with(wanted) && chart.size() > wanted.size() &&
                             chart[chart.size() - wanted.size() - 1] == '/');
}

void SourceContext::report_problem(const char* rule, Location where, const std::string& message) {
  if (!reported_.emplace(rule, where.file, where.range.begin.offset, message).second) return;
  model.problems.push_back(InputProblem{rule, where, message});
}

std::string chart_chain(const std::vector<std::string>& rendered_by, const std::string& last) {
  std::string out;
  for (const auto& dir : rendered_by) out += (dir.empty() ? "." : dir) + " -> ";
  return out + (last.empty() ? "." : last);
}

bool SourceContext::is_chart_dir(const std::string& dir) const {
  return file_at(dir.empty() ? std::string("Chart.yaml") : dir + "/Chart.yaml").has_value();
}

void SourceContext::add_chart_install(const std::string& chart_dir, const ReleaseDraft& draft,
                                      std::string description) {
  ChartInstall install;
  install.chart_dir = chart_dir;
  install.release_name = draft.release.name;
  install.namespace_name = draft.release.namespace_name;
  install.environment = draft.release.environment;
  install.where = draft.release.location;
  install.description = std::move(description);
  install.layers = draft.release.layers;
  install.flux = draft.flux;
  chart_installs.push_back(std::move(install));
}

}  // namespace seldon_lint
