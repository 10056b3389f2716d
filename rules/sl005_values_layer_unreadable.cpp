// SL005 values-layer-unreadable: a release has a values layer the linter
// cannot read, or a chart kept in the repository has an object the renderer
// could not render (linter/model/sources/chart_render.cpp; reported only where
// it could matter, rules.md SL005).  The layer is kept in the model as an unreadable layer (see
// ValuesLayer); values it could set are unknown and the value rules stay
// silent for them.  This note says so, once per release, at the reference to
// the highest-priority unreadable layer, naming the others.
#include <fmt/format.h>

#include <set>

#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

std::string describe_layer(const ValuesLayer& layer) {
  return fmt::format("{} ({})", layer.description, layer.reason);
}

std::string unknown_part(const UnrenderedObject& object) {
  if (object.what == "helmfile part") return "The releases it declares there are unknown";
  if (object.kind.empty()) return "Its kind is unknown";
  if (object.namespace_name.empty())
    return fmt::format("The {}'s name and namespace are unknown", object.kind);
  return fmt::format("The {}'s name is unknown", object.kind);
}

void report_chart_objects(const Model& model, Reporter& out) {
  if (model.releases.empty()) return;  // no Seldon release: nothing it could hide
  for (const auto& object : model.unrendered) {
    std::string where = object.namespace_name.empty()
                            ? std::string("any namespace")
                            : fmt::format("namespace '{}'", object.namespace_name);
    std::string message = fmt::format(
        "{} not rendered for {}: {}. {}, so secrets it could provide in {} "
        "(environment {}) are unknown and missing-secret rules stay silent there.",
        object.what, object.release_name, object.message, unknown_part(object), where,
        object.environment);
    Finding finding =
        out.finding(message, object.location,
                    fmt::format("chart-object;{};{}", object.kind, object.release_name));
    if (object.release.known())
      finding.related.push_back(
          RelatedLocation{object.release, "installed by " + object.release_name});
    out.add(std::move(finding), object);
  }
}

void check(const Model& model, Reporter& out) {
  // One ApplicationSet template or a shared base can yield several releases
  // whose highest unreadable layer is the same reference: one note for it.
  std::set<std::tuple<FileId, uint32_t, uint32_t, std::string>> seen;
  for (const auto& release : model.releases) {
    auto unreadable = release.unreadable_layers();
    if (unreadable.empty()) continue;
    const ValuesLayer& top = *unreadable.front();
    std::string others;
    for (size_t i = 1; i < unreadable.size(); ++i) {
      others += i == 1 ? "; also unreadable: " : ", ";
      others += describe_layer(*unreadable[i]);
    }
    std::string what = top.scope.empty() ? std::string("the values it could set are")
                                         : fmt::format("{} (its targetPath) is", top.scope);
    std::string message = fmt::format(
        "{} of {} cannot be read ({}): {} unknown unless a readable layer above it sets them, "
        "so the rules that depend on them are skipped{}",
        top.description, describe_release(release), top.reason, what, others);
    if (!seen.emplace(top.anchor.file, top.anchor.range.begin.line, top.anchor.range.begin.column,
                      release.name + "\n" + release.environment)
             .second) {
      continue;
    }
    Finding finding = out.finding(
        message, top.anchor, fmt::format("release={};layer={}", release.name, top.description));
    for (size_t i = 1; i < unreadable.size(); ++i) {
      if (unreadable[i]->anchor.known()) {
        finding.related.push_back(RelatedLocation{
            unreadable[i]->anchor, "also unreadable: " + describe_layer(*unreadable[i])});
      }
    }
    out.add(std::move(finding), release);
  }
  report_chart_objects(model, out);
}

}  // namespace

std::unique_ptr<Rule> make_ValuesLayerUnreadable() {
  return std::make_unique<FunctionRule>(rule_info("SL005"), check);
}

}  // namespace seldon_lint
