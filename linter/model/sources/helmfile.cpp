// helmfile.  `helmfile.yaml` / `helmfile.d/*.yaml` are YAML: releases of the
// Seldon charts (or of a chart kept in the repository), one per helmfile
// environment when a values path or the namespace uses `.Environment.Name`
// (helmfile 0.x rendered these) or a value file is a `.gotmpl` template.
// `helmfile.yaml.gotmpl` / `helmfile.d/*.yaml.gotmpl` are Go templates: for
// each environment, each `---`-separated part is rendered in order with the
// values the parts before it loaded (root `values:`, then the environment's
// `values:` and `secrets:`), as helmfile v1 does.  `.gotmpl` value files are
// rendered with the environment's values and the release.  What cannot be read
// or rendered (encrypted secrets, an environment variable, `exec`, a missing
// file) is unknown, never guessed: SL005 says why.
#include <fmt/format.h>

#include "linter/base/repo_path.hpp"
#include "linter/base/text.hpp"
#include "linter/input/environment.hpp"
#include "linter/input/references.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/helmfile_templates.hpp"
#include "linter/model/sources/source_context.hpp"

namespace seldon_lint {
namespace {

using namespace helmfile;
using gotemplate::EvalError;
using gotemplate::Map;
using gotemplate::UnsupportedError;
using gotemplate::Value;
using yaml::Node;

constexpr const char* kDefaultEnvironment = "default";

bool is_gotmpl(std::string_view path) {
  return path.ends_with(".gotmpl");
}

bool is_remote(std::string_view path) {
  return path.find("://") != std::string_view::npos || path.find("::") != std::string_view::npos;
}

// ---- environment values ---------------------------------------------------------------

// A part of an environment's values the linter cannot read.
struct UnknownValues {
  std::string description;  // "environment prod secrets file secrets/prod.yaml"
  std::string reason;
};

// The values of one helmfile environment as the parts loaded so far set them.
struct EnvironmentState {
  std::string name;
  Value defaults = Value::map();     // root-level `values:`
  Value environment = Value::map();  // the environment's `values:`
  std::vector<UnknownValues> unknown;

  Value merged() const { return gotemplate::merge_values(defaults, environment); }
  // "secrets/prod.yaml (encrypted), env.yaml (not in the repository)"
  std::string unknown_text() const {
    std::string out;
    for (const auto& u : unknown)
      out += (out.empty() ? "" : ", ") + u.description + " (" + u.reason + ")";
    return out;
  }
};

class EnvironmentLoader {
 public:
  EnvironmentLoader(SourceContext& ctx, FileId helmfile) : ctx_(ctx), helmfile_(helmfile) {}

  // Root `values:` (the defaults) of one helmfile part.
  void load_defaults(const Node& root, EnvironmentState& state) {
    const Node* list = root.find("values");
    if (list != nullptr && list->is_seq())
      load_list(*list, state, state.defaults, false, "helmfile values");
  }

  // The selected environment's `values:` and `secrets:` in one part.
  void load_environment(const Node& root, EnvironmentState& state) {
    const Node* envs = root.find("environments");
    const Node* env = envs == nullptr || !envs->is_map() ? nullptr : envs->find(state.name);
    if (env == nullptr || !env->is_map()) return;
    bool fallback = scalar_at(env, "mergeStrategy") == "fallback";
    std::string what = "environment " + state.name;
    if (const Node* list = env->find("values"); list != nullptr && list->is_seq())
      load_list(*list, state, state.environment, fallback, what + " values");
    if (const Node* list = env->find("secrets"); list != nullptr && list->is_seq()) {
      for (const auto& item : list->items) {
        std::string name = item.is_scalar() ? item.scalar : std::string("an inline entry");
        if (auto file = item.is_scalar() ? file_of(item.scalar) : std::nullopt)
          ctx_.referenced.insert(*file);
        state.unknown.push_back(
            {fmt::format("{} secrets file {}", what, name), "encrypted with helm-secrets/sops"});
      }
    }
  }

 private:
  std::optional<FileId> file_of(const std::string& path) const {
    return ctx_.file_at(resolve_relative(ctx_.model.files[helmfile_].path, path));
  }

  void load_list(const Node& list, EnvironmentState& state, Value& target, bool fallback,
                 const std::string& what) {
    for (const auto& item : list.items) {
      std::optional<Value> layer = read_item(item, state, what);
      if (!layer) continue;
      target = fallback ? gotemplate::merge_values(*layer, target)
                        : gotemplate::merge_values(target, *layer);
    }
  }

  std::optional<Value> read_item(const Node& item, EnvironmentState& state,
                                 const std::string& what) {
    if (item.is_map()) return gotemplate::from_yaml(item);
    if (!item.is_scalar() || item.scalar.empty()) return std::nullopt;
    const std::string& path = item.scalar;
    auto unknown = [&](std::string reason) {
      state.unknown.push_back({what + " file " + path, std::move(reason)});
      return std::nullopt;
    };
    if (templated(path)) return unknown("its path is a template the linter cannot resolve");
    if (is_remote(path)) return unknown("a remote file, not in the repository");
    if (path.find('*') != std::string::npos) return unknown("globs are not supported");
    auto file = file_of(path);
    if (!file) return unknown("not in the repository");
    ctx_.referenced.insert(*file);
    if (is_gotmpl(path)) {
      TextRender rendered = render_template_text(
          ctx_, *file, ctx_.model.files[*file].text, state_data(state.name, state.merged()),
          helmfile_functions(ctx_, ctx_.model.files[helmfile_].path, false));
      if (!rendered.ok()) return unknown(rendered.error);
      const Node* root = first_map(ctx_, rendered);
      return root == nullptr ? std::nullopt : std::optional<Value>(gotemplate::from_yaml(*root));
    }
    if (const Node* root = ctx_.values_root(*file)) return gotemplate::from_yaml(*root);
    if (ctx_.has_syntax_error(ctx_.model.files[*file].path))
      return unknown("it does not parse (SL001)");
    return std::nullopt;  // empty
  }

  SourceContext& ctx_;
  FileId helmfile_;
};

// ---- releases ---------------------------------------------------------------------------

// One environment a release is linted in.
struct Instance {
  std::string helmfile_env;                 // "" when the helmfile's environments do not matter
  std::string environment;                  // the linter's
  const EnvironmentState* state = nullptr;  // for `.gotmpl` value files
  // A rendered helmfile whose environment values are partly unknown: what the
  // release spec took from them may be wrong.
  bool spec_uses_unknown_values = false;
};

std::string linter_environment(const SourceContext& ctx, FileId id, const std::string& name) {
  std::string env = environment_of_segment(name);
  return env.empty() ? ctx.model.files[id].environment : env;
}

class ReleaseReader {
 public:
  ReleaseReader(SourceContext& ctx, FileId id) : ctx_(ctx), path_(ctx.model.files[id].path) {}

  void visit(const Node& root, const std::vector<Instance>& instances_for_all,
             const std::vector<Instance>& per_environment) {
    const Node* releases = root.find("releases");
    if (releases == nullptr || !releases->is_seq()) return;
    for (const auto& r : releases->items) {
      bool per_env = !per_environment.empty() && varies_by_environment(r);
      for (const auto& instance : per_env ? per_environment : instances_for_all) read(r, instance);
    }
  }

 private:
  static bool varies_by_environment(const Node& release) {
    if (const Node* values = release.find("values"); values != nullptr && values->is_seq()) {
      for (const auto& v : values->items) {
        if (v.is_scalar() && (mentions_environment(v.scalar) || is_gotmpl(v.scalar))) return true;
      }
    }
    return mentions_environment(scalar_at(&release, "namespace"));
  }

  void read(const Node& r, const Instance& instance) {
    // `installed: false` (often `{{ eq .Environment.Name "production" | toYaml }}`):
    // helmfile uninstalls the release in that environment.
    if (scalar_at(&r, "installed") == "false") return;
    std::string chart = scalar_at(&r, "chart");
    bool setup = chart_is(chart, facts::kSetupChart);
    bool runtime = chart_is(chart, facts::kRuntimeChart);
    // A local chart (`./path`, `../path`) in this repository is rendered.
    std::string chart_dir;
    if (!setup && !runtime) {
      if (!(chart.starts_with("./") || chart.starts_with("../")) || templated(chart)) return;
      chart_dir = resolve_relative(path_, chart);
      if (!ctx_.is_chart_dir(chart_dir)) return;
    }
    std::string name = scalar_at(&r, "name");
    Location where = r.find("name") != nullptr ? r.find("name")->location() : first_key(r);
    std::string ns = expand_environment(scalar_at(&r, "namespace"), instance.helmfile_env);
    if (templated(ns)) ns.clear();
    std::string label =
        instance.helmfile_env.empty() ? name : name + " (" + instance.helmfile_env + ")";
    if (runtime) {
      ctx_.add_runtime(name, ns, instance.environment, where);
      return;
    }
    ReleaseDraft draft = SourceContext::new_draft(chart_dir.empty() ? label : name, "helmfile", ns,
                                                  instance.environment, where);
    ReleaseInfo info{name, ns, chart};
    if (const Node* values = r.find("values"); values != nullptr && values->is_seq()) {
      for (const auto& v : values->items) add_value(draft, v, instance, info);
    }
    if (const Node* secrets = r.find("secrets"); secrets != nullptr && secrets->is_seq()) {
      for (const auto& s : secrets->items) {
        if (!s.is_scalar()) continue;
        if (auto f = ctx_.file_at(resolve_relative(path_, s.scalar))) ctx_.referenced.insert(*f);
        SourceContext::add_unreadable_layer(draft, s.location(),
                                            "helmfile secrets file " + s.scalar,
                                            "encrypted (helm-secrets/sops)");
      }
    }
    if (const yaml::Entry* set = r.find_entry("set"); set != nullptr && set->value.is_seq()) {
      add_parameters(ctx_, draft, *set, "helmfile " + name + " set");
    }
    if (instance.spec_uses_unknown_values && instance.state != nullptr) {
      SourceContext::add_unreadable_layer(
          draft, where, path_ + " rendered for environment " + instance.helmfile_env,
          "it reads environment values the linter cannot read: " + instance.state->unknown_text());
    }
    if (!chart_dir.empty()) {
      ctx_.add_chart_install(chart_dir, draft, "helmfile release " + label);
      return;
    }
    ctx_.drafts.push_back(std::move(draft));
  }

  // A values entry: an inline map, a file, or a `.gotmpl` file rendered first.
  void add_value(ReleaseDraft& draft, const Node& v, const Instance& instance,
                 const ReleaseInfo& info) {
    if (v.is_map()) {
      SourceContext::add_layer(draft, &v, first_key(v), "helmfile " + info.name + " inline values");
      return;
    }
    if (!v.is_scalar()) return;
    std::string file = expand_environment(v.scalar, instance.helmfile_env);
    if (templated(file)) {
      SourceContext::add_unreadable_layer(draft, v.location(), "values file " + file,
                                          "its path is a template the linter cannot resolve");
      return;
    }
    std::string resolved = resolve_relative(path_, file);
    if (!is_gotmpl(file)) {
      ctx_.add_file_layer(draft, resolved, v.location());
      return;
    }
    add_rendered_value(draft, v, resolved, instance, info);
  }

  void add_rendered_value(ReleaseDraft& draft, const Node& v, const std::string& resolved,
                          const Instance& instance, const ReleaseInfo& info) {
    std::string description = "values file " + resolved;
    auto found = ctx_.file_at(resolved);
    if (!found) {
      SourceContext::add_unreadable_layer(draft, v.location(), description,
                                          "not in the repository");
      return;
    }
    ctx_.referenced.insert(*found);
    std::string env = instance.state != nullptr ? instance.state->name : kDefaultEnvironment;
    if (instance.state != nullptr && !instance.state->unknown.empty()) {
      SourceContext::add_unreadable_layer(
          draft, v.location(), description,
          "rendered with environment " + env +
              " values the linter cannot read: " + instance.state->unknown_text());
      return;
    }
    Value values = instance.state != nullptr ? instance.state->merged() : Value::map();
    TextRender rendered = render_template_text(ctx_, *found, ctx_.model.files[*found].text,
                                               release_data(env, values, info),
                                               helmfile_functions(ctx_, path_, false));
    if (!rendered.ok()) {
      SourceContext::add_unreadable_layer(draft, v.location(), description, rendered.error);
      return;
    }
    if (const Node* root = first_map(ctx_, rendered)) {
      SourceContext::add_layer(draft, root, first_key(*root),
                               description + " (rendered for environment " + env + ")");
      draft.layer_files.push_back(*found);
    }
  }

  SourceContext& ctx_;
  std::string path_;
};

// ---- helmfile.yaml.gotmpl ------------------------------------------------------------

// One `---`-separated part of the file (helmfile splits on "\n---\n"),
// rendered padded with newlines so that its lines keep the file's numbers.
struct Part {
  uint32_t first_line = 1;
  std::string_view body;  // into the model's file text
  std::string padded() const {
    std::string text(first_line - 1, '\n');
    text.append(body);
    return text;
  }
};

std::vector<Part> split_parts(std::string_view text) {
  std::vector<Part> parts(1);
  size_t part_start = 0;
  uint32_t line = 1;
  for (size_t pos = 0; pos <= text.size(); ++line) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    if (l.ends_with('\r')) l.remove_suffix(1);
    if (l == "---" && line > 1) {
      parts.back().body = text.substr(part_start, pos - part_start);
      part_start = std::min(end + 1, text.size());
      parts.push_back(Part{line + 1, {}});
    }
    pos = end + 1;
  }
  parts.back().body = text.substr(std::min(part_start, text.size()));
  return parts;
}

bool reads_values(std::string_view text) {
  return text.find(".Values") != std::string_view::npos ||
         text.find(".StateValues") != std::string_view::npos;
}

class TemplateReader {
 public:
  TemplateReader(SourceContext& ctx, FileId id)
      : ctx_(ctx),
        id_(id),
        path_(ctx.model.files[id].path),
        parts_(split_parts(ctx.model.files[id].text)) {}

  void run() {
    mark_referenced_files();
    // Renders are parts x environments, each bounded by the renderer: bound
    // their number too, so a hostile file cannot make the run quadratic.
    if (parts_.size() > kMaxParts) {
      limit_reached(std::to_string(parts_.size()) + " parts, more than " +
                    std::to_string(kMaxParts));
      return;
    }
    std::vector<std::string> names = environment_names();
    if (names.size() > kMaxEnvironments) {
      limit_reached(std::to_string(names.size()) + " environments, more than " +
                    std::to_string(kMaxEnvironments));
      return;
    }
    for (const auto& name : names) render_environment(name);
  }

 private:
  static constexpr size_t kMaxParts = 64;
  static constexpr size_t kMaxEnvironments = 64;

  void limit_reached(const std::string& what) {
    ctx_.report_problem("SL002", line_location(ctx_.model.files[id_], id_, 1),
                        "helmfile template not rendered: " + what + " (a limit)");
  }

  // The files the template could name are value files, never releases of their own.
  void mark_referenced_files() {
    FileReferences references;
    collect_references(ctx_.model.files[id_], references);
    for (const auto& p : references.paths)
      if (auto f = ctx_.file_at(p)) ctx_.referenced.insert(*f);
  }

  // helmfile's first pass (missing keys empty, no side effects) finds the
  // declared environments; none declared: the `default` environment.
  std::vector<std::string> environment_names() {
    std::vector<std::string> names;
    for (const auto& part : parts_) {
      TextRender r = render_template_text(ctx_, id_, part.padded(),
                                          state_data(kDefaultEnvironment, Value::map()),
                                          helmfile_functions(ctx_, path_, true));
      for (const auto& doc : r.documents) {
        const Node* envs = doc.root.find("environments");
        if (envs == nullptr || !envs->is_map()) continue;
        for (const auto& e : envs->entries)
          if (std::find(names.begin(), names.end(), e.key) == names.end()) names.push_back(e.key);
      }
    }
    if (names.empty()) names.emplace_back(kDefaultEnvironment);
    return names;
  }

  void render_environment(const std::string& name) {
    EnvironmentState state;
    state.name = name;
    EnvironmentLoader loader(ctx_, id_);
    const Node* releases_root = nullptr;  // a later part's releases replace an earlier's
    bool releases_read_values = false;
    for (const auto& part : parts_) {
      TextRender r =
          render_template_text(ctx_, id_, part.padded(), state_data(name, state.merged()),
                               helmfile_functions(ctx_, path_, false));
      if (!r.ok()) {
        record_unrendered(name, state, r);
        return;  // helmfile stops at the first part it cannot render
      }
      for (auto& doc : r.documents) {
        if (!doc.root.is_map()) continue;
        const Node* root = ctx_.own(std::move(doc.root));
        loader.load_defaults(*root, state);
        loader.load_environment(*root, state);
        const Node* releases = root->find("releases");
        if (releases != nullptr && releases->is_seq() && !releases->items.empty()) {
          releases_root = root;
          releases_read_values = reads_values(part.body);
        }
      }
    }
    if (releases_root == nullptr) return;
    Instance instance{name, linter_environment(ctx_, id_, name), &state,
                      releases_read_values && !state.unknown.empty()};
    ReleaseReader(ctx_, id_).visit(*releases_root, {instance}, {});
  }

  // A part that cannot be rendered hides every release and object it holds:
  // unknown, of any kind, in any namespace of that environment.
  void record_unrendered(const std::string& name, const EnvironmentState& state,
                         const TextRender& r) {
    UnrenderedObject object;
    const SourceFile& file = ctx_.model.files[id_];
    object.location = line_location(file, id_, r.error_line);
    object.what = "helmfile part";
    object.release_name = "environment " + name + " of " + path_;
    object.message = r.error;
    if (!state.unknown.empty())
      object.message +=
          " (environment values the linter cannot read: " + state.unknown_text() + ")";
    object.environment = linter_environment(ctx_, id_, name);
    ctx_.model.unrendered.push_back(std::move(object));
  }

  SourceContext& ctx_;
  FileId id_;
  std::string path_;
  std::vector<Part> parts_;
};

}  // namespace

// helmfile.yaml: documents share `environments` (usually in the first one).
void visit_helmfile(SourceContext& ctx, FileId id) {
  const auto& documents = ctx.model.files[id].documents;
  std::vector<EnvironmentState> states;
  for (const auto& doc : documents) {
    const Node* envs = doc.root.find("environments");
    if (envs == nullptr || !envs->is_map()) continue;
    for (const auto& e : envs->entries) {
      if (std::none_of(states.begin(), states.end(),
                       [&](const auto& s) { return s.name == e.key; }))
        states.emplace_back().name = e.key;
    }
  }
  EnvironmentLoader loader(ctx, id);
  for (auto& state : states) {
    for (const auto& doc : documents) {
      if (!doc.root.is_map()) continue;
      loader.load_defaults(doc.root, state);
      loader.load_environment(doc.root, state);
    }
  }
  std::vector<Instance> per_environment;
  per_environment.reserve(states.size());
  for (const auto& state : states)
    per_environment.push_back(
        Instance{state.name, linter_environment(ctx, id, state.name), &state, false});
  // Not per environment: helmfile's `default` environment, when declared.
  Instance once{"", ctx.model.files[id].environment, nullptr, false};
  for (const auto& state : states)
    if (state.name == kDefaultEnvironment) once.state = &state;
  ReleaseReader reader(ctx, id);
  for (const auto& doc : documents) {
    if (doc.root.is_map()) reader.visit(doc.root, {once}, per_environment);
  }
}

void visit_helmfile_template(SourceContext& ctx, FileId id) {
  TemplateReader(ctx, id).run();
}

}  // namespace seldon_lint
