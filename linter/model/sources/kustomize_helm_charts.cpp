// Kustomize `helmCharts` entries of the seldon charts: `valuesFile` with
// `valuesInline` on top, then `additionalValuesFiles`.  Their namespace
// depends on the Kustomize version (helm_chart_namespace in kustomize_build):
// where the readings before and from 5.8 disagree it is unknown.
#include <fmt/format.h>

#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/kustomize_build.hpp"
#include "linter/model/sources/source_context.hpp"

namespace seldon_lint {

using yaml::Node;

void visit_helm_charts(SourceContext& ctx, FileId id, const Node& root) {
  const Node* charts = root.find("helmCharts");
  if (charts == nullptr || !charts->is_seq()) return;
  std::vector<Placement> places = ctx.kustomization_places(id);
  const std::string& path = ctx.model.files[id].path;
  for (const auto& chart : charts->items) {
    std::string chart_name = scalar_at(&chart, "name");
    bool setup = chart_is(chart_name, facts::kSetupChart);
    bool runtime = chart_is(chart_name, facts::kRuntimeChart);
    // A chart already in the chart home (default `charts/`) is used as it is: rendered.
    std::string chart_dir;
    if (!setup && !runtime) {
      std::string home = scalar_at(&root, "helmGlobals.chartHome");
      if (home.empty()) home = "charts";
      if (chart_name.empty() || templated(chart_name)) continue;
      chart_dir = resolve_relative(path, fmt::format("{}/{}", home, chart_name));
      if (!ctx.is_chart_dir(chart_dir)) continue;
    }
    std::string name = scalar_at(&chart, "releaseName");
    if (name.empty()) name = chart_name;
    Location where = chart.find("name")->location();
    for (const auto& place : places) {
      HelmChartNamespace placed = helm_chart_namespace(
          scalar_at(&chart, "namespace"), scalar_at(&root, "namespace"), place.namespace_name);
      const std::string& ns = placed.namespace_name;  // empty when unknown
      if (runtime) {
        // An unknown namespace adds a runtime no namespace rule can use.
        if (placed.known) ctx.add_runtime(name, ns, place.environment, where);
        continue;
      }
      ReleaseDraft draft = SourceContext::new_draft(name, "Kustomize helmCharts", ns,
                                                    place.environment, where, place.flux);
      // TODO(SL005, issue 10 items 2/8): report this reason as an SL005 note at
      // the helmCharts entry once SL005 is on main; until then SL504 only stays
      // silent (the controller namespace is unknown).
      if (!placed.known) draft.release.namespace_unknown_reason = placed.why;
      if (const Node* file = chart.find("valuesFile"); file != nullptr && file->is_scalar()) {
        ctx.add_file_layer(draft, resolve_relative(path, file->scalar));
      }
      if (const yaml::Entry* inline_values = chart.find_entry("valuesInline")) {
        SourceContext::add_layer(draft, &inline_values->value,
                                 Location{inline_values->key_file, inline_values->key_range},
                                 "Kustomize helmCharts " + name + " valuesInline");
      }
      if (const Node* more = chart.find("additionalValuesFiles");
          more != nullptr && more->is_seq()) {
        for (const auto& f : more->items) {
          if (f.is_scalar()) ctx.add_file_layer(draft, resolve_relative(path, f.scalar));
        }
      }
      if (!chart_dir.empty()) {
        ctx.add_chart_install(chart_dir, draft, "Kustomize helmCharts " + name);
        continue;
      }
      ctx.drafts.push_back(std::move(draft));
    }
  }
}

}  // namespace seldon_lint
