// helmfile (`helmfile.yaml`, `helmfile.d/*.yaml`): releases of the seldon
// charts, one per helmfile environment when their values or namespace use
// `.Environment.Name`; `values` files and inline maps, then `set`.
#include "linter/base/text.hpp"
#include "linter/input/environment.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/sources/source_context.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

std::string expand_environment(std::string text, const std::string& env) {
  for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open)) {
    size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    std::string_view inner = std::string_view(text).substr(open + 2, close - open - 2);
    if (trim(inner) == ".Environment.Name" || trim(inner) == "`{{ .Environment.Name }}`" ||
        trim(inner) == "- .Environment.Name -") {
      text.replace(open, close + 2 - open, env);
    } else {
      open = close;
    }
  }
  return text;
}

bool mentions_environment(const std::string& s) {
  return s.find(".Environment.Name") != std::string::npos;
}

// (helmfile environment, linter environment) pairs a release is linted in.
std::vector<std::pair<std::string, std::string>> release_instances(
    const SourceContext& ctx, FileId id, const Node& release,
    const std::vector<std::string>& environments) {
  bool per_environment = false;
  if (const Node* values = release.find("values"); values != nullptr && values->is_seq()) {
    for (const auto& v : values->items) {
      if (v.is_scalar() && mentions_environment(v.scalar)) per_environment = true;
    }
  }
  if (mentions_environment(scalar_at(&release, "namespace"))) per_environment = true;
  std::vector<std::pair<std::string, std::string>> instances;
  if (per_environment && !environments.empty()) {
    for (const auto& e : environments) {
      std::string env = environment_of_segment(e);
      if (env.empty()) env = ctx.model.files[id].environment;
      instances.emplace_back(e, env);
    }
  } else {
    instances.emplace_back("", ctx.model.files[id].environment);
  }
  return instances;
}

void visit_helmfile_releases(SourceContext& ctx, FileId id, const Node& root,
                             const std::vector<std::string>& environments) {
  const std::string& path = ctx.model.files[id].path;
  const Node* releases = root.find("releases");
  if (releases == nullptr || !releases->is_seq()) return;
  for (const auto& r : releases->items) {
    std::string chart = scalar_at(&r, "chart");
    bool setup = chart_is(chart, facts::kSetupChart);
    bool runtime = chart_is(chart, facts::kRuntimeChart);
    // A local chart (`./path`, `../path`) in this repository is rendered.
    std::string chart_dir;
    if (!setup && !runtime) {
      if (!(starts_with(chart, "./") || starts_with(chart, "../")) || templated(chart)) continue;
      chart_dir = resolve_relative(path, chart);
      if (!ctx.is_chart_dir(chart_dir)) continue;
    }
    std::string name = scalar_at(&r, "name");
    Location where = r.find("name") != nullptr ? r.find("name")->location() : first_key(r);
    const Node* values = r.find("values");
    for (const auto& [helmfile_env, env] : release_instances(ctx, id, r, environments)) {
      std::string ns = expand_environment(scalar_at(&r, "namespace"), helmfile_env);
      if (templated(ns)) ns.clear();
      std::string label = helmfile_env.empty() ? name : name + " (" + helmfile_env + ")";
      if (runtime) {
        ctx.add_runtime(name, ns, env, where);
        continue;
      }
      ReleaseDraft draft =
          SourceContext::new_draft(chart_dir.empty() ? label : name, "helmfile", ns, env, where);
      if (values != nullptr && values->is_seq()) {
        for (const auto& v : values->items) {
          if (v.is_map()) {
            SourceContext::add_layer(draft, &v, first_key(v),
                                     "helmfile " + name + " inline values");
          } else if (v.is_scalar()) {
            std::string file = expand_environment(v.scalar, helmfile_env);
            if (!templated(file)) ctx.add_file_layer(draft, resolve_relative(path, file));
          }
        }
      }
      if (const yaml::Entry* set = r.find_entry("set"); set != nullptr && set->value.is_seq()) {
        add_parameters(ctx, draft, *set, "helmfile " + name + " set");
      }
      if (!chart_dir.empty()) {
        ctx.add_chart_install(chart_dir, draft, "helmfile release " + label);
        continue;
      }
      ctx.drafts.push_back(std::move(draft));
    }
  }
}

}  // namespace

// helmfile documents share `environments` (usually in the first document).
void visit_helmfile(SourceContext& ctx, FileId id) {
  const std::string& path = ctx.model.files[id].path;
  std::vector<std::string> environments;
  for (const auto& doc : ctx.model.files[id].documents) {
    const Node* envs = doc.root.find("environments");
    if (envs == nullptr || !envs->is_map()) continue;
    for (const auto& e : envs->entries) {
      environments.push_back(e.key);
      // Environment values feed templates, not the chart: never standalone releases.
      if (const Node* values = e.value.find("values"); values != nullptr && values->is_seq()) {
        for (const auto& v : values->items) {
          if (!v.is_scalar()) continue;
          if (auto f = ctx.file_at(resolve_relative(path, v.scalar))) ctx.referenced.insert(*f);
        }
      }
    }
  }
  for (const auto& doc : ctx.model.files[id].documents) {
    if (doc.root.is_map()) visit_helmfile_releases(ctx, id, doc.root, environments);
  }
}

}  // namespace seldon_lint
