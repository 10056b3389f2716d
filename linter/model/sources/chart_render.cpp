// Charts kept in the repository, rendered for each release that installs them
// (rules.md "provided", SL005): the chart's templates/ with its values.yaml
// under that release's values, .Release, .Chart, .Files, .Capabilities as
// `helm template` sets them.  Rendered objects are positioned at the template
// lines that produced them; an object that cannot be rendered is recorded as
// unknown (never guessed).  An umbrella chart depending on the Seldon charts
// is a Seldon release (setup) or creates a SeldonRuntime (runtime).
#include <algorithm>

#include "linter/base/text.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/source_context.hpp"
#include "linter/parse/gotemplate/template.hpp"

namespace seldon_lint {
namespace {

using gotemplate::Map;
using gotemplate::Value;
using yaml::Node;

// Kinds whose absence existence rules notice, or that carry Seldon releases.
bool kind_could_matter(std::string_view kind) {
  static constexpr std::string_view kKinds[] = {
      "Secret",      "SealedSecret",  "ExternalSecret", "ClusterExternalSecret",
      "KafkaUser",   "Kafka",         "Certificate",    "SeldonRuntime",
      "Model",       "Pipeline",      "Experiment",     "HelmRelease",
      "Application", "ApplicationSet"};
  return std::find(std::begin(kKinds), std::end(kKinds), kind) != std::end(kKinds);
}

std::string chart_prefix(const std::string& chart_dir) {
  return chart_dir.empty() ? "" : chart_dir + "/";
}

std::string_view base_name(std::string_view path) {
  return path.substr(path.rfind('/') + 1);
}

// ---- the data a chart template sees ----------------------------------------------

// Chart.yaml as .Chart: Helm's Metadata fields are the capitalised keys.
Value chart_metadata(const Node* chart_yaml) {
  Map out;
  if (chart_yaml == nullptr) return Value::map();
  for (const auto& entry : chart_yaml->entries) {
    std::string key = entry.key == "apiVersion" ? "APIVersion" : entry.key;
    if (!key.empty()) key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
    out.insert_or_assign(key, entry.value.is_scalar() ? Value::string(entry.value.scalar)
                                                      : gotemplate::from_yaml(entry.value));
  }
  return Value::map(std::move(out));
}

Value release_object(const ChartInstall& install) {
  Map release;
  release.emplace("Name", Value::string(install.release_name));
  // helm template without --namespace renders "default".
  release.emplace(
      "Namespace",
      Value::string(install.namespace_name.empty() ? "default" : install.namespace_name));
  release.emplace("Service", Value::string("Helm"));
  release.emplace("IsInstall", Value::boolean(true));
  release.emplace("IsUpgrade", Value::boolean(false));
  release.emplace("Revision", Value::integer(1));
  return Value::map(std::move(release));
}

// The chart's values: values.yaml (or Flux valuesFiles instead), then the release's layers.
Value chart_values(SourceContext& ctx, const ChartInstall& install) {
  Value values = Value::map();
  std::vector<std::string> bases = install.values_files;
  if (bases.empty()) bases.push_back(chart_prefix(install.chart_dir) + "values.yaml");
  for (const auto& path : bases) {
    if (auto file = ctx.file_at(path)) {
      if (const Node* root = ctx.values_root(*file))
        values = gotemplate::merge_values(values, gotemplate::from_yaml(*root));
    }
  }
  for (const auto& layer : install.layers) {
    if (layer.values != nullptr)
      values = gotemplate::merge_values(values, gotemplate::from_yaml(*layer.values));
  }
  return values;
}

// ---- positions: rendered text -> template lines ------------------------------------

class PositionMap {
 public:
  PositionMap(const Model& model, const gotemplate::RenderResult& result,
              const std::vector<FileId>& set_files)
      : model_(model), result_(result), set_files_(set_files) {}

  void remap(Node& node) const {
    map(node.range, node.file);
    for (auto& entry : node.entries) {
      map(entry.key_range, entry.key_file);
      remap(entry.value);
    }
    for (auto& item : node.items) remap(item);
  }

  // The template position of a rendered line/column.
  Location at(uint32_t line, uint32_t column) const {
    Location out;
    Range r{Position{line, column, 0}, Position{line, column + 1, 0}};
    out.file = kNoFile;
    map(r, out.file);
    out.range = r;
    return out;
  }

 private:
  void map(Range& range, FileId& file) const {
    if (!range.known() || range.begin.line - 1 >= result_.line_origins.size()) return;
    const auto& origin = result_.line_origins[range.begin.line - 1];
    file = set_files_[origin.file];
    const SourceFile& source = model_.files[file];
    uint32_t line =
        std::min<uint32_t>(origin.line, static_cast<uint32_t>(source.line_starts.size()));
    if (line == 0) line = 1;
    auto length = static_cast<uint32_t>(source.line_text(line).size());
    uint32_t width = range.end.line == range.begin.line && range.end.column > range.begin.column
                         ? range.end.column - range.begin.column
                         : 1;
    uint32_t begin_col = std::min(range.begin.column, length + 1);
    uint32_t end_col = std::min(begin_col + width, length + 1);
    if (end_col <= begin_col) end_col = begin_col;
    uint32_t start = source.line_starts[line - 1];
    range.begin = Position{line, begin_col, start + begin_col - 1};
    range.end = Position{line, end_col, start + end_col - 1};
  }

  const Model& model_;
  const gotemplate::RenderResult& result_;
  const std::vector<FileId>& set_files_;
};

// The rendered output read as YAML with its documents' positions mapped back
// to the templates; on a syntax error or a bound, the error ("rendered output
// is not YAML: ...") and where in the templates it is.
struct RenderedDocuments {
  std::vector<yaml::Document> documents;
  std::string error;  // empty: read
  Location error_at;
};

RenderedDocuments read_rendered(SourceContext& ctx, FileId id,
                                const gotemplate::RenderResult& result,
                                const std::vector<FileId>& set_files) {
  YamlParseOptions options;
  options.file = id;
  auto starts = compute_line_starts(result.output);
  YamlParseResult parsed = ctx.parser.parse(result.output, starts, options);
  PositionMap positions(ctx.model, result, set_files);
  RenderedDocuments out;
  if (parsed.syntax_error || parsed.limit_exceeded) {
    out.error_at = positions.at(parsed.error_position.line, parsed.error_position.column);
    out.error = "rendered output is not YAML: " +
                (parsed.syntax_error ? parsed.error_message : parsed.limit_message);
    return out;
  }
  for (auto& doc : parsed.documents) positions.remap(doc.root);
  out.documents = std::move(parsed.documents);
  return out;
}

// ---- objects of a template that cannot be rendered ---------------------------------

// One `---`-separated object of a template's source, read without rendering:
// the kind and namespace when written literally.
struct RawObject {
  uint32_t first_line = 1, last_line = 1;
  uint32_t kind_line = 0;  // 0: no `kind:` line
  std::string kind;        // empty when templated
  std::string namespace_name;
  bool namespace_templated = false;
};

std::vector<RawObject> raw_objects(const SourceFile& file) {
  std::vector<RawObject> out;
  RawObject current;
  bool in_metadata = false;
  auto line_count = static_cast<uint32_t>(file.line_starts.size());
  for (uint32_t line = 1; line <= line_count; ++line) {
    std::string_view text = file.line_text(line);
    if (starts_with(text, "---")) {
      if (current.kind_line != 0) out.push_back(current);
      current = RawObject{};
      current.first_line = line + 1;
      in_metadata = false;
      continue;
    }
    current.last_line = line;
    if (starts_with(text, "kind:")) {
      std::string_view value = trim(text.substr(5));
      current.kind_line = line;
      current.kind =
          value.find("{{") == std::string_view::npos ? std::string(value) : std::string();
    }
    if (!text.empty() && text[0] != ' ' && text[0] != '{')
      in_metadata = starts_with(text, "metadata:");
    if (in_metadata && starts_with(trim(text), "namespace:")) {
      std::string_view value = trim(trim(text).substr(10));
      if (value.find("{{") != std::string_view::npos)
        current.namespace_templated = true;
      else
        current.namespace_name = std::string(value);
    }
  }
  if (current.kind_line != 0) out.push_back(current);
  return out;
}

void add_unrendered(Model& model, UnrenderedObject object) {
  for (const auto& u : model.unrendered) {
    if (u.location.file == object.location.file &&
        u.location.range.begin.line == object.location.range.begin.line &&
        u.release.file == object.release.file &&
        u.release.range.begin.offset == object.release.range.begin.offset &&
        u.namespace_name == object.namespace_name && u.environment == object.environment)
      return;
  }
  model.unrendered.push_back(std::move(object));
}

// Records the objects of template `id` that could matter as unknown.
// `error_file`/`error_line` locate the failure when it is in this file.
void record_unrendered(SourceContext& ctx, const ChartInstall& install, FileId id,
                       const std::string& message, FileId error_file, uint32_t error_line) {
  const SourceFile& file = ctx.model.files[id];
  for (const RawObject& raw : raw_objects(file)) {
    if (!raw.kind.empty() && !kind_could_matter(raw.kind)) continue;
    UnrenderedObject object;
    bool inside = error_file == id && error_line >= raw.first_line && error_line <= raw.last_line;
    object.location = line_location(file, id, inside ? error_line : raw.kind_line);
    object.release = install.where;
    object.release_name = install.description;
    object.message = message;
    object.kind = raw.kind;
    object.namespace_name = raw.namespace_templated      ? ""
                            : raw.namespace_name.empty() ? install.namespace_name
                                                         : raw.namespace_name;
    object.environment = install.environment;
    add_unrendered(ctx.model, std::move(object));
  }
}

// ---- rendering one install -----------------------------------------------------------

class ChartRenderer {
 public:
  ChartRenderer(SourceContext& ctx, const ChartInstall& install) : ctx_(ctx), install_(install) {}

  void run() {
    std::string prefix = chart_prefix(install_.chart_dir);
    auto chart_file = ctx_.file_at(prefix + "Chart.yaml");
    const Node* chart_yaml = chart_file ? ctx_.values_root(*chart_file) : nullptr;
    chart_name_ = scalar_at(chart_yaml, "name");
    if (chart_name_.empty()) chart_name_ = std::string(base_name(install_.chart_dir));
    Value values = chart_values(ctx_, install_);
    add_umbrella_releases(chart_yaml, values);
    load_templates(prefix);
    Map root;
    root.emplace("Values", values);
    root.emplace("Release", release_object(install_));
    root.emplace("Chart", chart_metadata(chart_yaml));
    root.emplace("Capabilities", gotemplate::make_capabilities());
    root.emplace("Files", gotemplate::make_files_object(chart_files(prefix), false));
    for (uint32_t i = 0; i < set_files_.size(); ++i) {
      std::string_view name = base_name(ctx_.model.files[set_files_[i]].path);
      if (starts_with(name, "_")) continue;  // definitions only
      render_one(i, root);
    }
  }

 private:
  void load_templates(const std::string& prefix) {
    std::string templates = prefix + "templates/";
    for (FileId id = 0; id < ctx_.model.files.size(); ++id) {
      const SourceFile& file = ctx_.model.files[id];
      if (file.kind != FileKind::HelmTemplate || !starts_with(file.path, templates)) continue;
      set_.add_file(chart_name_ + "/templates/" + file.path.substr(templates.size()), file.text);
      set_files_.push_back(id);
    }
  }

  // The chart's files .Files can read: those the linter loaded (YAML), outside templates/.
  std::map<std::string, std::string> chart_files(const std::string& prefix) const {
    std::map<std::string, std::string> files;
    for (const auto& file : ctx_.model.files) {
      if (file.kind != FileKind::Yaml || !starts_with(file.path, prefix)) continue;
      std::string rel = file.path.substr(prefix.size());
      if (starts_with(rel, "templates/")) continue;
      files.emplace(rel, file.text);
    }
    return files;
  }

  void render_one(uint32_t index, const Map& root) {
    FileId id = set_files_[index];
    Map data = root;
    Map template_info;
    template_info.emplace("Name", Value::string(set_.file_name(index)));
    template_info.emplace("BasePath", Value::string(chart_name_ + "/templates"));
    data.insert_or_assign("Template", Value::map(std::move(template_info)));
    gotemplate::RenderResult result = set_.render(index, Value::map(std::move(data)));
    if (!result.ok()) {
      const auto& error = *result.error;
      FileId error_file = error.file < set_files_.size() ? set_files_[error.file] : id;
      std::string where = ctx_.model.files[error_file].path;
      // A bound of the renderer (recursion, steps, output size) is also SL002 where it was hit.
      if (error.kind == gotemplate::RenderError::Kind::Limit) {
        ctx_.report_problem("SL002",
                            line_location(ctx_.model.files[error_file], error_file, error.line),
                            error.describe(where));
      }
      record_unrendered(ctx_, install_, id, error.describe(where), error_file, error.line);
      return;
    }
    parse_output(id, result);
  }

  void parse_output(FileId id, const gotemplate::RenderResult& result) {
    if (trim(result.output).empty()) return;
    if (rendered_by_.empty()) {
      rendered_by_ = install_.rendered_by;
      rendered_by_.push_back(install_.chart_dir);
    }
    RenderedDocuments rendered = read_rendered(ctx_, id, result, set_files_);
    if (!rendered.error.empty()) {
      record_unrendered(ctx_, install_, id, rendered.error, rendered.error_at.file,
                        rendered.error_at.range.begin.line);
      return;
    }
    for (auto& doc : rendered.documents) {
      if (!doc.root.is_map()) continue;
      std::string api = scalar_at(&doc.root, "apiVersion");
      std::string kind = scalar_at(&doc.root, "kind");
      if (api.empty() || kind.empty()) continue;
      const Node* owned = ctx_.own(std::move(doc.root));
      ctx_.rendered.push_back(RenderedObject{id, owned, api, kind, install_.namespace_name,
                                             install_.environment, rendered_by_, install_.budget});
    }
  }

  // ---- umbrella charts ----

  // Helm's `condition`: the first of the comma-separated paths that holds a
  // boolean decides; none: enabled.
  static bool dependency_enabled(const std::string& condition, const Value& values) {
    for (std::string_view path : split(condition, ',')) {
      Value current = values;
      bool found = true;
      for (std::string_view key : split(trim(path), '.')) {
        if (!current.is_map()) {
          found = false;
          break;
        }
        auto it = current.as_map().find(key);
        if (it == current.as_map().end()) {
          found = false;
          break;
        }
        current = it->second;
      }
      if (found && current.kind() == Value::Kind::Bool) return current.as_bool();
    }
    return true;
  }

  void add_umbrella_releases(const Node* chart_yaml, const Value& values) {
    const Node* deps = chart_yaml == nullptr ? nullptr : chart_yaml->find("dependencies");
    if (deps == nullptr || !deps->is_seq()) return;
    for (const auto& dep : deps->items) {
      std::string name = scalar_at(&dep, "name");
      bool setup = name == facts::kSetupChart, runtime = name == facts::kRuntimeChart;
      if (!setup && !runtime) continue;
      if (!dependency_enabled(scalar_at(&dep, "condition"), values)) continue;
      std::string key = scalar_at(&dep, "alias");
      if (key.empty()) key = name;
      if (runtime) {
        ctx_.add_runtime(install_.release_name, install_.namespace_name, install_.environment,
                         install_.where);
        continue;
      }
      add_umbrella_setup_release(key);
    }
  }

  void add_umbrella_setup_release(const std::string& key) {
    ReleaseDraft draft =
        SourceContext::new_draft(install_.release_name, "umbrella chart", install_.namespace_name,
                                 install_.environment, install_.where, install_.flux);
    std::string values_path = chart_prefix(install_.chart_dir) + "values.yaml";
    auto add_subtree = [&](const Node* layer_root, const std::string& description) {
      const yaml::Entry* entry = layer_root == nullptr ? nullptr : layer_root->find_entry(key);
      if (entry == nullptr || !entry->value.is_map()) return;
      SourceContext::add_layer(draft, &entry->value, Location{entry->key_file, entry->key_range},
                               description + " under " + key);
    };
    if (auto file = ctx_.file_at(values_path)) {
      add_subtree(ctx_.values_root(*file), "chart values " + values_path);
      ctx_.referenced.insert(*file);
    }
    for (const auto& layer : install_.layers) add_subtree(layer.values, layer.description);
    ctx_.drafts.push_back(std::move(draft));
  }

  SourceContext& ctx_;
  const ChartInstall& install_;
  std::string chart_name_;
  gotemplate::TemplateSet set_;
  std::vector<FileId> set_files_;         // set index -> model file
  std::vector<std::string> rendered_by_;  // of the objects rendered: the chain to this chart
};

}  // namespace

TextRender render_template_text(SourceContext& ctx, FileId file, std::string text,
                                const gotemplate::Value& data, const TemplateSetup& setup) {
  TextRender out;
  gotemplate::TemplateSet set;
  if (setup) setup(set);
  set.add_file(ctx.model.files[file].path, std::move(text));
  gotemplate::RenderResult result = set.render(0, data);
  if (!result.ok()) {
    out.error = result.error->describe(ctx.model.files[file].path);
    out.error_line = result.error->line;
    return out;
  }
  RenderedDocuments rendered = read_rendered(ctx, file, result, {file});
  if (!rendered.error.empty()) {
    out.error = std::move(rendered.error);
    out.error_line = rendered.error_at.range.begin.line;
    return out;
  }
  out.documents = std::move(rendered.documents);
  return out;
}

namespace {

// App-of-apps bounds: a chart installed again by what it renders (a cycle),
// and the installs rendered for one install written in the repository (the
// render budget), are SL002 at the installing object and not rendered.
bool may_render(SourceContext& ctx, ChartInstall& install) {
  if (install.budget == ChartInstall::kNoBudget) {
    install.budget = ctx.chart_renders.size();
    ctx.chart_renders.push_back(0);
  }
  const auto& chain = install.rendered_by;
  if (std::find(chain.begin(), chain.end(), install.chart_dir) != chain.end()) {
    ctx.report_problem("SL002", install.where,
                       "app-of-apps cycle: a chart installs itself through what it renders (" +
                           chart_chain(chain, install.chart_dir) + "): not rendered again");
    return false;
  }
  size_t& used = ctx.chart_renders[install.budget];
  if (used >= kMaxChartRendersPerRoot) {
    ctx.report_problem("SL002", install.where,
                       "chart render budget exceeded: more than " +
                           std::to_string(kMaxChartRendersPerRoot) +
                           " chart installs rendered for one Application, HelmRelease or helmfile "
                           "release (" +
                           chart_chain(chain, install.chart_dir) + "): not rendered");
    return false;
  }
  ++used;
  return true;
}

}  // namespace

void render_chart_installs(SourceContext& ctx) {
  std::vector<ChartInstall> installs = std::move(ctx.chart_installs);
  ctx.chart_installs.clear();
  for (auto& install : installs) {
    if (may_render(ctx, install)) ChartRenderer(ctx, install).run();
  }
}

}  // namespace seldon_lint
