// Flux HelmRelease (helm.toolkit.fluxcd.io): `valuesFrom` ConfigMaps and
// Secrets in order, then `spec.values`, read from the HelmRelease as the
// Kustomize overlays emit it (kustomize_build.cpp applies their patches).
#include "linter/base/text.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/helm_parameters.hpp"
#include "linter/model/sources/source_context.hpp"
#include "linter/parse/embedded_yaml.hpp"

namespace seldon_lint {
namespace {

using yaml::Kind;
using yaml::Node;

// Where a finding about a `valuesFrom` entry points: its `name`.
Location values_from_reference(const Node& item) {
  const Node* name = item.find("name");
  return name != nullptr ? name->location() : first_key(item);
}

void add_values_from(SourceContext& ctx, ReleaseDraft& draft, const Node& item,
                     const std::string& ns) {
  std::string kind = scalar_at(&item, "kind");
  std::string name = scalar_at(&item, "name");
  std::string key = scalar_at(&item, "valuesKey");
  if (key.empty()) key = "values.yaml";
  std::string target = scalar_at(&item, "targetPath");
  if (kind != "ConfigMap" && kind != "Secret") return;
  std::string description = kind + " " + name + " key " + key;
  Location reference = values_from_reference(item);
  auto unreadable = [&](std::string reason) {
    SourceContext::add_unreadable_layer(draft, reference, "valuesFrom " + description,
                                        std::move(reason), target);
  };
  // Flux skips a missing optional source; any other is needed to reconcile.
  bool optional = yaml::is_true(item.find("optional"));
  const DataObject* object = ctx.find_data(kind, name, ns, draft.release.environment);
  if (object == nullptr) {
    if (!optional) unreadable("not in the repository");
    return;
  }
  if (object->encrypted) {
    unreadable("SOPS-encrypted");
    return;
  }
  const DataEntry* entry = object->entry(key);
  if (entry == nullptr) {
    if (!optional) {
      unreadable(object->keys_known ? "it has no key " + key
                                    : "its keys come from files the linter does not read");
    }
    return;
  }
  if (!target.empty()) {
    if (kind == "Secret") {
      unreadable("the linter does not read a Secret's value into Helm values");
      return;
    }
    if (entry->value == nullptr) {
      unreadable("its value is in a file the linter does not read");
      return;
    }
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
  if (entry->value == nullptr) {
    unreadable("its file is not in the repository");
    return;
  }
  if (entry->value->file != kNoFile) {
    FileId file = entry->value->file;
    if (auto parsed = parse_embedded_yaml(ctx.model.files[file], file, *entry->value, ctx.parser)) {
      SourceContext::add_layer(draft, ctx.own(std::move(*parsed)), entry->location, description);
    } else if (!trim(entry->value->scalar).empty()) {
      unreadable("its " + key + " is not a YAML map of values");
    }
  }
}

// The chart a HelmRelease installs: `chart.spec.chart`, or the chart its
// `chartRef` names (an OCIRepository's URL, a HelmChart's `spec.chart`).
struct ChartChoice {
  std::string chart;
  const Node* chart_spec = nullptr;  // chart.spec or the HelmChart's spec (valuesFiles, sourceRef)
};

ChartChoice chart_of(const SourceContext& ctx, const Node& root) {
  ChartChoice choice;
  if (const Node* spec = root.at("spec.chart.spec"); spec != nullptr && spec->is_map()) {
    choice.chart = scalar_at(spec, "chart");
    choice.chart_spec = spec;
    return choice;
  }
  const Node* ref = root.at("spec.chartRef");
  if (ref == nullptr || !ref->is_map()) return choice;
  std::string kind = scalar_at(ref, "kind");
  std::string name = scalar_at(ref, "name");
  std::string ns = scalar_at(ref, "namespace");
  if (ns.empty()) ns = scalar_at(&root, "metadata.namespace");
  if (const ChartSource* source = ctx.find_chart_source(kind, name, ns)) {
    choice.chart = source->chart;
    if (kind == "HelmChart") choice.chart_spec = source->root->find("spec");
  } else {
    choice.chart = name;  // not in the repository: the reference's own name may say it
  }
  return choice;
}

// Flux `valuesFiles` (and the older `valuesFile`) replace the chart's own
// values.yaml.  Paths are relative to the source's root: for a chart kept in
// this repository (a GitRepository or Bucket source whose chart path exists
// here) they are files of the repository; for a chart from a Helm or OCI
// repository they are files inside the packaged chart (its values.yaml is the
// chart default the linter knows; any other cannot be read).
void add_chart_values_files(SourceContext& ctx, ReleaseDraft& draft, const Node& chart_spec) {
  std::vector<const Node*> files;
  if (const Node* list = chart_spec.find("valuesFiles"); list != nullptr && list->is_seq()) {
    for (const auto& f : list->items) {
      if (f.is_scalar()) files.push_back(&f);
    }
  }
  if (const Node* one = chart_spec.find("valuesFile"); one != nullptr && one->is_scalar()) {
    files.push_back(one);
  }
  if (files.empty()) return;
  std::string source_kind = scalar_at(&chart_spec, "sourceRef.kind");
  std::string chart = scalar_at(&chart_spec, "chart");
  bool in_repository = (source_kind == "GitRepository" || source_kind == "Bucket") &&
                       ctx.folder_exists(normalise_root_path(chart));
  bool ignore_missing = yaml::is_true(chart_spec.find("ignoreMissingValuesFiles"));
  for (const Node* f : files) {
    std::string path = normalise_root_path(f->scalar);
    if (in_repository) {
      if (ignore_missing && !ctx.file_at(path)) continue;
      ctx.add_file_layer(draft, path, f->location());
    } else if (path != "values.yaml" && path != "values.yml") {
      SourceContext::add_unreadable_layer(
          draft, f->location(), "chart values file " + f->scalar,
          "a file inside the chart fetched from its " +
              (source_kind.empty() ? std::string("source") : source_kind));
    }
  }
}

}  // namespace

void visit_helm_release(SourceContext& ctx, FileId id, const Node& root) {
  ChartChoice choice = chart_of(ctx, root);
  const std::string& chart = choice.chart;
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
    // The chart's valuesFiles, valuesFrom in order, then spec.values (as the
    // overlays emit them: patched values point at the patch that wrote them).
    if (choice.chart_spec != nullptr) add_chart_values_files(ctx, draft, *choice.chart_spec);
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
