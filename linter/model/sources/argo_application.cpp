// Argo CD Application (argoproj.io): each Helm source of the seldon charts is
// a release; its layers are `helm.valueFiles` (relative to the source path or
// through a `$ref` source at the repository root), `helm.values`,
// `helm.valuesObject` and `helm.parameters`, in that order.
#include <set>

#include "linter/base/text.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/source_context.hpp"
#include "linter/parse/embedded_yaml.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

void add_value_files(SourceContext& ctx, ReleaseDraft& draft, const Node& files,
                     const std::string& source_path, const std::set<std::string>& refs) {
  if (!files.is_seq()) return;
  for (const auto& f : files.items) {
    if (!f.is_scalar() || templated(f.scalar)) continue;
    std::string resolved;
    if (starts_with(f.scalar, "$")) {
      size_t slash = f.scalar.find('/');
      std::string ref = f.scalar.substr(1, slash == std::string::npos ? 0 : slash - 1);
      if (slash == std::string::npos || refs.count(ref) == 0) continue;
      resolved = normalise_root_path(f.scalar.substr(slash + 1));  // the repository root
    } else if (!source_path.empty()) {
      resolved = resolve_relative(normalise_root_path(source_path) + "/_", f.scalar);
    } else {
      continue;  // a file inside a chart from a Helm repository
    }
    ctx.add_file_layer(draft, resolved);
  }
}

void add_argo_helm(SourceContext& ctx, ReleaseDraft& draft, const Node& helm,
                   const std::string& source_path, const std::set<std::string>& refs, FileId id) {
  const std::string& name = draft.release.name;
  if (const Node* files = helm.find("valueFiles"); files != nullptr) {
    add_value_files(ctx, draft, *files, source_path, refs);
  }
  if (const yaml::Entry* values = helm.find_entry("values")) {
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
  if (const yaml::Entry* object = helm.find_entry("valuesObject")) {
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
