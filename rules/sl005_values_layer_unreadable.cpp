// SL005 values-layer-unreadable: what the linter could not read or render.
// Chart objects: an object of a chart in the repository that the renderer
// could not render (linter/model/sources/chart_render.cpp), reported only
// where it could matter (rules.md SL005).
#include <fmt/format.h>

#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL005";
  r.name = "values-layer-unreadable";
  r.severity = Severity::Note;
  r.tags = {"input"};
  r.precision = "high";
  r.summary = "A values layer or an in-repo chart object the linter cannot read or render";
  r.doc.what =
      "Says what the linter could not see: a values layer it cannot read (a SOPS-encrypted "
      "`valuesFrom` Secret, a referenced ConfigMap, Secret or file that is not in the "
      "repository, a remote value file), or an object of a Helm chart kept in the repository "
      "that it cannot render for the release installing the chart (a template construct or "
      "function the renderer does not support, a template that fails as it would under `helm "
      "template`, rendered output that is not YAML). Chart objects are reported only where "
      "they could matter: the repository has a Seldon release, and the object's kind is "
      "unknown or it is a secret-bearing or Seldon kind (Secret, SealedSecret, ExternalSecret, "
      "SeldonRuntime, HelmRelease, Application...).";
  r.doc.why =
      "What the linter cannot see, it does not guess: rules that would fire on the absence of "
      "a value or a secret stay silent where the unreadable part could provide it. The note "
      "says which findings may therefore be missing, so a reviewer can check that part by "
      "hand.";
  r.doc.example =
      "# charts/kafka-secrets/templates/secret.yaml, installed by an Argo CD Application\n"
      "apiVersion: v1\n"
      "kind: Secret\n"
      "metadata:\n"
      "  name: {{ .Values.name }}-{{ randAlphaNum 5 }}\n";
  r.doc.fix =
      "# Nothing to fix in the repository when the template is correct: the note says\n"
      "# which construct the linter does not render. Declare secrets created this way\n"
      "# under externalSecrets in .seldon-lint.yaml if you want existence checks.\n"
      "externalSecrets:\n"
      "  - {name: kafka-sasl, namespaces: [seldon-mesh, seldon-logs]}\n";
  return r;
}

std::string unknown_part(const UnrenderedObject& object) {
  if (object.kind.empty()) return "Its kind is unknown";
  if (object.namespace_name.empty())
    return fmt::format("The {}'s name and namespace are unknown", object.kind);
  return fmt::format("The {}'s name is unknown", object.kind);
}

void report_chart_objects(const Rule& self, const Model& model, FindingSink& sink) {
  if (model.releases.empty()) return;  // no Seldon release: nothing it could hide
  for (const auto& object : model.unrendered) {
    std::string where = object.namespace_name.empty()
                            ? std::string("any namespace")
                            : fmt::format("namespace '{}'", object.namespace_name);
    std::string message = fmt::format(
        "Chart object not rendered for {}: {}. {}, so secrets it could provide in {} "
        "(environment {}) are unknown and missing-secret rules stay silent there.",
        object.release_name, object.message, unknown_part(object), where, object.environment);
    Finding finding = as_function_rule(self).finding(
        message, object.location,
        fmt::format("chart-object;{};{}", object.kind, object.release_name));
    finding.environment = object.environment;
    if (object.release.known())
      finding.related.push_back(
          RelatedLocation{object.release, "installed by " + object.release_name});
    sink.report(std::move(finding));
  }
}

void check(const Rule& self, const Model& model, FindingSink& sink) {
  report_chart_objects(self, model, sink);
}

}  // namespace

std::unique_ptr<Rule> make_ValuesLayerUnreadable() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
