// Flux HelmRelease (helm.toolkit.fluxcd.io): `valuesFrom` ConfigMaps and
// Secrets in order, then `spec.values`, read from the HelmRelease as the
// Kustomize overlays emit it (kustomize_build.cpp applies their patches).
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/helm_parameters.hpp"
#include "linter/model/sources/source_context.hpp"
#include "linter/parse/embedded_yaml.hpp"

namespace seldon_lint {
namespace {

using yaml::Kind;
using yaml::Node;

void add_values_from(SourceContext& ctx, ReleaseDraft& draft, const Node& item,
                     const std::string& ns) {
  std::string kind = scalar_at(&item, "kind");
  std::string name = scalar_at(&item, "name");
  std::string key = scalar_at(&item, "valuesKey");
  if (key.empty()) key = "values.yaml";
  std::string target = scalar_at(&item, "targetPath");
  if (kind != "ConfigMap" && kind != "Secret") return;
  const DataObject* object = ctx.find_data(kind, name, ns, draft.release.environment);
  if (object == nullptr) return;  // optional, or created outside the repository
  const DataEntry* entry = object->entry(key);
  if (entry == nullptr) return;
  std::string description = kind + " " + name + " key " + key;
  if (!target.empty()) {
    if (kind == "Secret" || entry->value == nullptr) return;  // secret values stay out of values
    Node layer;
    layer.kind = Kind::Map;
    layer.file = entry->value->file;
    layer.range = entry->value->range;
    std::string problem = set_parameter(layer, target, *entry->value, entry->location, true);
    if (!problem.empty()) ctx.report_problem("SL002", entry->location, "targetPath: " + problem);
    SourceContext::add_layer(draft, ctx.own(std::move(layer)), entry->location, description);
    return;
  }
  if (entry->file != kNoFile) {
    const Node* root = ctx.values_root(entry->file);
    ctx.referenced.insert(entry->file);
    if (root != nullptr) {
      SourceContext::add_layer(draft, root, first_key(*root),
                               description + " (" + ctx.model.files[entry->file].path + ")");
      draft.layer_files.push_back(entry->file);
    }
    return;
  }
  if (entry->value != nullptr && entry->value->file != kNoFile) {
    FileId file = entry->value->file;
    if (auto parsed = parse_embedded_yaml(ctx.model.files[file], file, *entry->value, ctx.parser)) {
      SourceContext::add_layer(draft, ctx.own(std::move(*parsed)), entry->location, description);
    }
  }
}

}  // namespace

void visit_helm_release(SourceContext& ctx, FileId id, const Node& root) {
  std::string chart = scalar_at(&root, "spec.chart.spec.chart");
  if (chart.empty()) chart = scalar_at(&root, "spec.chartRef.name");
  bool setup = chart_is(chart, facts::kSetupChart);
  bool runtime = chart_is(chart, facts::kRuntimeChart);
  // A chart path in a GitRepository (or Bucket) source that is in this repository is rendered.
  std::string chart_dir;
  std::string source_kind = scalar_at(&root, "spec.chart.spec.sourceRef.kind");
  if (!setup && !runtime) {
    if ((source_kind != "GitRepository" && source_kind != "Bucket") || chart.empty() ||
        templated(chart))
      return;
    chart_dir = normalise_root_path(chart);
    if (!ctx.is_chart_dir(chart_dir)) return;
  }
  std::string meta_name = scalar_at(&root, "metadata.name");
  std::string name = scalar_at(&root, "spec.releaseName");
  if (name.empty()) name = meta_name;
  Location where =
      root.at("metadata.name") != nullptr ? root.at("metadata.name")->location() : first_key(root);
  const Node* spec = root.find("spec");
  for (const auto& place : ctx.placements_of(id, root)) {
    std::string ns = scalar_at(&root, "spec.targetNamespace");
    if (ns.empty()) ns = place.namespace_name;
    if (runtime) {
      ctx.add_runtime(name, ns, place.environment, where);
      continue;
    }
    ReleaseDraft draft =
        SourceContext::new_draft(name, "HelmRelease", ns, place.environment, where, place.flux);
    // valuesFrom, in order, then spec.values (as the overlays emit them:
    // patched values point at the patch that wrote them).
    const Node* from = spec == nullptr ? nullptr : spec->find("valuesFrom");
    if (from != nullptr && from->is_seq()) {
      for (const auto& item : from->items) add_values_from(ctx, draft, item, place.namespace_name);
    }
    if (const yaml::Entry* values = spec == nullptr ? nullptr : spec->find_entry("values")) {
      SourceContext::add_layer(draft, &values->value, Location{values->key_file, values->key_range},
                               "HelmRelease " + name + " spec.values");
    }
    if (!chart_dir.empty()) {
      ctx.add_chart_install(chart_dir, draft, "HelmRelease " + name);
      if (const Node* files = root.at("spec.chart.spec.valuesFiles");
          files != nullptr && files->is_seq()) {
        for (const auto& f : files->items)
          if (f.is_scalar() && !templated(f.scalar))
            ctx.chart_installs.back().values_files.push_back(normalise_root_path(f.scalar));
      }
      continue;
    }
    ctx.drafts.push_back(std::move(draft));
  }
}

}  // namespace seldon_lint
