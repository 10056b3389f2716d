// Flux HelmRelease (helm.toolkit.fluxcd.io): `valuesFrom` ConfigMaps and
// Secrets in order, then `spec.values`, then the Kustomize overlay patches of
// the HelmRelease (strategic-merge patches naming it, innermost overlay first).
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
    set_parameter(layer, target, *entry->value, entry->location, true);
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

// Kustomize overlays patching the HelmRelease: strategic-merge patches (files
// or inline) naming it, innermost overlay first.
std::vector<const Node*> overlay_patches(SourceContext& ctx, const Placement& place,
                                         const std::string& name) {
  std::vector<const Node*> out;
  for (auto it = place.overlays.rbegin(); it != place.overlays.rend(); ++it) {
    FileId k = *it;
    const Node* root = ctx.values_root(k);
    if (root == nullptr) continue;
    const std::string& path = ctx.model.files[k].path;
    auto consider = [&](const Node& doc, bool targeted) {
      if (!doc.is_map()) return;
      std::string kind = scalar_at(&doc, "kind");
      if (!targeted && kind != "HelmRelease") return;
      if (!kind.empty() && kind != "HelmRelease") return;
      std::string patch_name = scalar_at(&doc, "metadata.name");
      if (!targeted && patch_name != name) return;
      out.push_back(&doc);
    };
    auto consider_source = [&](const Node& item, bool targeted) {
      if (item.is_scalar()) {
        if (item.scalar.find('\n') != std::string::npos ||
            item.scalar.find(':') != std::string::npos) {
          if (auto parsed = parse_embedded_yaml(ctx.model.files[k], k, item, ctx.parser)) {
            consider(*ctx.own(std::move(*parsed)), targeted);
          }
          return;
        }
        auto file = ctx.file_at(resolve_relative(path, item.scalar));
        if (!file) return;
        ctx.values_root(*file);
        for (const auto& doc : ctx.model.files[*file].documents) consider(doc.root, targeted);
      }
    };
    if (const Node* patches = root->find("patches"); patches != nullptr && patches->is_seq()) {
      for (const auto& p : patches->items) {
        const Node* target = p.find("target");
        bool targeted = target != nullptr;
        if (targeted) {
          std::string tkind = scalar_at(target, "kind");
          std::string tname = scalar_at(target, "name");
          if ((!tkind.empty() && tkind != "HelmRelease") || (!tname.empty() && tname != name)) {
            continue;
          }
        }
        if (const Node* file = p.find("path")) consider_source(*file, targeted);
        if (const Node* inline_patch = p.find("patch")) consider_source(*inline_patch, targeted);
      }
    }
    if (const Node* sm = root->find("patchesStrategicMerge"); sm != nullptr && sm->is_seq()) {
      for (const auto& item : sm->items) consider_source(item, false);
    }
  }
  return out;
}

std::vector<const Node*> overlay_patch_values_from(SourceContext& ctx, const Placement& place,
                                                   const std::string& name) {
  std::vector<const Node*> out;
  for (const Node* patch : overlay_patches(ctx, place, name)) {
    if (const Node* from = patch->at("spec.valuesFrom"); from != nullptr && from->is_seq()) {
      out.push_back(from);  // a list in a strategic merge patch replaces the list
    }
  }
  return out;
}

void add_overlay_patches(SourceContext& ctx, ReleaseDraft& draft, const Placement& place,
                         const std::string& name) {
  for (const Node* patch : overlay_patches(ctx, place, name)) {
    const Node* spec = patch->find("spec");
    if (const yaml::Entry* values = spec == nullptr ? nullptr : spec->find_entry("values")) {
      FileId file = values->key_file;
      std::string where = file == kNoFile ? std::string("patch") : ctx.model.files[file].path;
      SourceContext::add_layer(draft, &values->value, Location{values->key_file, values->key_range},
                               "Kustomize patch " + where + " spec.values");
      if (const Node* ns = spec->find("targetNamespace"); ns != nullptr && ns->is_scalar()) {
        draft.release.namespace_name = ns->scalar;
      }
    }
  }
}

}  // namespace

void visit_helm_release(SourceContext& ctx, FileId id, const Node& root) {
  std::string chart = scalar_at(&root, "spec.chart.spec.chart");
  if (chart.empty()) chart = scalar_at(&root, "spec.chartRef.name");
  bool setup = chart_is(chart, facts::kSetupChart);
  bool runtime = chart_is(chart, facts::kRuntimeChart);
  if (!setup && !runtime) return;
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
    // valuesFrom, in order, then spec.values, then overlay patches of spec.values.
    const Node* from = spec == nullptr ? nullptr : spec->find("valuesFrom");
    for (const auto& patch_values : overlay_patch_values_from(ctx, place, meta_name))
      from = patch_values;
    if (from != nullptr && from->is_seq()) {
      for (const auto& item : from->items) add_values_from(ctx, draft, item, place.namespace_name);
    }
    if (const yaml::Entry* values = spec == nullptr ? nullptr : spec->find_entry("values")) {
      SourceContext::add_layer(draft, &values->value, Location{values->key_file, values->key_range},
                               "HelmRelease " + name + " spec.values");
    }
    add_overlay_patches(ctx, draft, place, meta_name);
    ctx.drafts.push_back(std::move(draft));
  }
}

}  // namespace seldon_lint
