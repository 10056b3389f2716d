// Argo CD Application (argoproj.io): each Helm source of the seldon charts is
// a release; its layers are `helm.valueFiles` (relative to the source path or
// through a `$ref` source at the repository root; files not in this
// repository are unreadable layers), then `helm.valuesObject` or, when that is
// not set, `helm.values`, then `helm.parameters`.
#include <set>

#include "linter/base/text.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/source_context.hpp"
#include "linter/parse/embedded_yaml.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

// Where a source's value files live: the repository (a source path that
// exists here), or somewhere the linter cannot read (a chart from a Helm or
// OCI repository, a Git path that is not in this repository).
struct ValueFileContext {
  const std::string& source_path;  // `path` of the chart's source; empty for a Helm chart
  bool path_here = false;          // that path exists in this repository
  const std::set<std::string>& refs;
  bool ignore_missing = false;  // helm.ignoreMissingValueFiles
};

void add_value_file(SourceContext& ctx, ReleaseDraft& draft, const Node& f,
                    const ValueFileContext& where) {
  const std::string& file = f.scalar;
  auto remote = [&](std::string reason) {
    SourceContext::add_unreadable_layer(draft, f.location(), "value file " + file,
                                        std::move(reason));
  };
  if (file.find("://") != std::string::npos) {
    remote("a remote URL");
    return;
  }
  if (starts_with(file, "$")) {
    size_t slash = file.find('/');
    std::string ref = file.substr(1, slash == std::string::npos ? 0 : slash - 1);
    if (slash == std::string::npos || where.refs.count(ref) == 0) {
      remote("no source of this Application has ref '" + ref + "'");
      return;
    }
    // The ref'd repository's URL is usually this repository's own, which the
    // linter cannot see: the path resolves here when it exists here.
    std::string resolved = normalise_root_path(file.substr(slash + 1));
    if (ctx.file_at(resolved)) {
      ctx.add_file_layer(draft, resolved, f.location());
    } else if (!where.ignore_missing) {
      remote("not in this repository: in the repository of source '" + ref + "'");
    }
    return;
  }
  if (where.source_path.empty()) {
    // Relative to a chart from a Helm or OCI repository: its own values.yaml
    // is the chart default; any other file is inside the package.
    if (file != "values.yaml" && file != "values.yml") remote("a file inside the packaged chart");
    return;
  }
  if (!where.path_here) {
    remote("the source path " + where.source_path + " is not in this repository");
    return;
  }
  std::string resolved = resolve_relative(normalise_root_path(where.source_path) + "/_", file);
  if (!ctx.file_at(resolved) && (where.ignore_missing || file == "values.yaml")) return;
  ctx.add_file_layer(draft, resolved, f.location());
}

void add_argo_helm(SourceContext& ctx, ReleaseDraft& draft, const Node& helm,
                   const std::string& source_path, const std::set<std::string>& refs, FileId id) {
  const std::string& name = draft.release.name;
  ValueFileContext where{source_path, !source_path.empty() && ctx.folder_exists(source_path), refs,
                         yaml::is_true(helm.find("ignoreMissingValueFiles"))};
  if (const Node* files = helm.find("valueFiles"); files != nullptr && files->is_seq()) {
    for (const auto& f : files->items) {
      if (f.is_scalar() && !templated(f.scalar)) add_value_file(ctx, draft, f, where);
    }
  }
  // Argo CD uses valuesObject when it is set and ignores the values string
  // (ApplicationSourceHelm.ValuesYAML): the two are never merged.
  const yaml::Entry* object = helm.find_entry("valuesObject");
  if (object != nullptr && object->value.is_null()) object = nullptr;
  if (const yaml::Entry* values = helm.find_entry("values"); values != nullptr && !object) {
    if (values->value.is_scalar()) {
      if (auto parsed = parse_embedded_yaml(ctx.model.files[id], id, values->value, ctx.parser)) {
        SourceContext::add_layer(draft, ctx.own(std::move(*parsed)),
                                 Location{values->key_file, values->key_range},
                                 "Argo CD " + name + " helm.values");
      }
    } else if (values->value.is_map()) {
      SourceContext::add_layer(draft, &values->value, Location{values->key_file, values->key_range},
                               "Argo CD " + name + " helm.values");
    }
  }
  if (object != nullptr) {
    SourceContext::add_layer(draft, &object->value, Location{object->key_file, object->key_range},
                             "Argo CD " + name + " helm.valuesObject");
  }
  if (const yaml::Entry* params = helm.find_entry("parameters");
      params != nullptr && params->value.is_seq()) {
    add_parameters(ctx, draft, *params, "Argo CD " + name + " helm.parameters");
  }
}

}  // namespace

void visit_argo_spec(SourceContext& ctx, FileId id, const Node& root, const Node* meta,
                     const Node* spec, bool application_set) {
  if (spec == nullptr || !spec->is_map()) return;
  std::vector<const Node*> sources;
  if (const Node* s = spec->find("source"); s != nullptr && s->is_map()) sources.push_back(s);
  if (const Node* list = spec->find("sources"); list != nullptr && list->is_seq()) {
    for (const auto& s : list->items) {
      if (s.is_map()) sources.push_back(&s);
    }
  }
  std::set<std::string> refs;
  for (const Node* s : sources) {
    std::string ref = scalar_at(s, "ref");
    if (!ref.empty()) refs.insert(ref);
  }
  std::string ns = scalar_at(spec, "destination.namespace");
  if (templated(ns)) ns.clear();
  std::string app_name = scalar_at(meta, "name");
  for (const Node* s : sources) {
    std::string chart = scalar_at(s, "chart");
    std::string path = scalar_at(s, "path");
    std::string chart_name = chart.empty() ? std::string(facts::basename(path)) : chart;
    if (templated(chart_name)) continue;
    bool setup = chart_is(chart_name, facts::kSetupChart);
    bool runtime = chart_is(chart_name, facts::kRuntimeChart);
    // Another chart kept in this repository (`source.path`) is rendered.
    std::string chart_dir;
    if (!setup && !runtime) {
      if (!chart.empty() || path.empty() || templated(path)) continue;
      chart_dir = normalise_root_path(path);
      if (!ctx.is_chart_dir(chart_dir)) continue;
    }
    const Node* helm = s->find("helm");
    std::string name = scalar_at(helm, "releaseName");
    if (name.empty() || templated(name)) name = app_name;
    Location where = meta != nullptr && meta->find("name") != nullptr
                         ? meta->find("name")->location()
                         : first_key(root);
    for (const auto& place : ctx.placements_of(id, root)) {
      if (!chart_dir.empty()) {
        ReleaseDraft draft =
            SourceContext::new_draft(name, "Application", ns, place.environment, where);
        if (helm != nullptr && helm->is_map()) add_argo_helm(ctx, draft, *helm, path, refs, id);
        ctx.add_chart_install(
            chart_dir, draft,
            std::string(application_set ? "Argo CD ApplicationSet " : "Argo CD Application ") +
                app_name);
        continue;
      }
      if (runtime) {
        ctx.add_runtime(name, ns, place.environment, where);
        continue;
      }
      ReleaseDraft draft = SourceContext::new_draft(
          name, application_set ? "ApplicationSet" : "Application", ns, place.environment, where);
      Release& release = draft.release;
      if (helm != nullptr && helm->is_map()) add_argo_helm(ctx, draft, *helm, path, refs, id);
      // A shared Application takes the environment of its value files.
      if (release.environment == "default") {
        for (FileId f : draft.layer_files) {
          if (ctx.model.files[f].environment != "default") {
            release.environment = ctx.model.files[f].environment;
            break;
          }
        }
      }
      ctx.drafts.push_back(std::move(draft));
    }
  }
}

}  // namespace seldon_lint
