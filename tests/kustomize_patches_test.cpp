// Kustomize tree operations (linter/model/sources/kustomize_patches.cpp and
// kustomize_selectors.cpp): JSON 6902 as evanphx/json-patch v4 applies it,
// strategic merge as kyaml's merge2 applies it to custom resources, selectors
// and replacement paths.
#include <catch2/catch.hpp>

#include "linter/base/text.hpp"
#include "linter/model/sources/kustomize_patches.hpp"
#include "linter/parse/yaml_parser.hpp"

using namespace seldon_lint;
using namespace seldon_lint::kustomize;
using yaml::Node;

namespace {

Node parse(const std::string& text) {
  YamlParser parser;
  YamlParseOptions options;
  options.file = 7;
  auto result = parser.parse(text, compute_line_starts(text), options);
  REQUIRE_FALSE(result.syntax_error);
  REQUIRE(!result.documents.empty());
  return result.documents.front().root;
}

std::string text_at(const Node& root, std::string_view path) {
  const Node* n = root.at(path);
  return n == nullptr ? "<absent>" : n->is_null() ? "<null>" : std::string(n->str("<non-scalar>"));
}

const char* kHelmRelease = R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: seldon-core-v2-setup
  namespace: seldon-system
  labels:
    app: seldon
    tier: control
spec:
  values:
    security:
      kafka:
        protocol: PLAINTEXT
        sasl:
          mechanism: PLAIN
    list: [a, b, c]
)";

}  // namespace

TEST_CASE("JSON pointers decode ~0 and ~1", "[kustomize]") {
  auto tokens = parse_json_pointer("/metadata/annotations/a~1b~0c");
  REQUIRE(tokens);
  CHECK(*tokens == std::vector<std::string>{"metadata", "annotations", "a/b~c"});
  CHECK(parse_json_pointer("")->empty());
  CHECK_FALSE(parse_json_pointer("spec"));
  CHECK_FALSE(parse_json_pointer("/a~2"));
}

TEST_CASE("JSON 6902 add, replace, remove on HelmRelease values", "[kustomize]") {
  Node doc = parse(kHelmRelease);
  Node ops = parse(R"(- op: replace
  path: /spec/values/security/kafka/protocol
  value: SASL_SSL
- op: add
  path: /spec/values/security/kafka/sasl/client
  value: {secret: kafka-sasl}
- op: remove
  path: /spec/values/security/kafka/sasl/mechanism
)");
  REQUIRE(apply_json6902(doc, ops));
  CHECK(text_at(doc, "spec.values.security.kafka.protocol") == "SASL_SSL");
  CHECK(text_at(doc, "spec.values.security.kafka.sasl.client.secret") == "kafka-sasl");
  CHECK(text_at(doc, "spec.values.security.kafka.sasl.mechanism") == "<absent>");
  // The value written points at the patch (line 3 of the operations).
  CHECK(doc.at("spec.values.security.kafka.protocol")->range.begin.line == 3);
}

TEST_CASE("JSON 6902 add needs the parent, replace and remove need the target", "[kustomize]") {
  Node doc = parse(kHelmRelease);
  Node original = doc;
  CHECK_FALSE(apply_json6902(doc, parse("- {op: add, path: /spec/missing/key, value: x}")));
  CHECK_FALSE(apply_json6902(doc, parse("- {op: replace, path: /spec/values/nope, value: x}")));
  CHECK_FALSE(apply_json6902(doc, parse("- {op: remove, path: /spec/values/nope}")));
  CHECK_FALSE(apply_json6902(doc, parse("- {op: frobnicate, path: /spec}")));
  CHECK_FALSE(apply_json6902(doc, parse("- {op: add, path: /spec/values/x}")));  // no value
  CHECK(same_content(doc, original));
}

TEST_CASE("JSON 6902 is all or nothing: a failing test leaves the object unchanged",
          "[kustomize]") {
  Node doc = parse(kHelmRelease);
  Node ops = parse(R"(- {op: replace, path: /spec/values/security/kafka/protocol, value: SSL}
- {op: test, path: /metadata/name, value: something-else}
)");
  CHECK_FALSE(apply_json6902(doc, ops));
  CHECK(text_at(doc, "spec.values.security.kafka.protocol") == "PLAINTEXT");
  Node passing = parse(R"(- {op: test, path: /metadata/name, value: seldon-core-v2-setup}
- {op: test, path: /spec/values/list, value: [a, b, c]}
- {op: replace, path: /spec/values/security/kafka/protocol, value: SSL}
)");
  CHECK(apply_json6902(doc, passing));
  CHECK(text_at(doc, "spec.values.security.kafka.protocol") == "SSL");
}

TEST_CASE("JSON 6902 arrays: index, append with -, negative index", "[kustomize]") {
  Node doc = parse(kHelmRelease);
  REQUIRE(apply_json6902(doc, parse(R"(- {op: add, path: /spec/values/list/0, value: first}
- {op: add, path: /spec/values/list/-, value: last}
- {op: remove, path: /spec/values/list/-1}
- {op: replace, path: /spec/values/list/1, value: A}
)")));
  const Node* list = doc.at("spec.values.list");
  REQUIRE(list->items.size() == 4);
  CHECK(list->items[0].scalar == "first");
  CHECK(list->items[1].scalar == "A");
  CHECK(list->items[3].scalar == "c");
  CHECK_FALSE(apply_json6902(doc, parse("- {op: add, path: /spec/values/list/9, value: x}")));
  CHECK_FALSE(apply_json6902(doc, parse("- {op: remove, path: /spec/values/list/01}")));
}

TEST_CASE("JSON 6902 copy and move", "[kustomize]") {
  Node doc = parse(kHelmRelease);
  REQUIRE(apply_json6902(doc, parse(R"(- op: copy
  from: /spec/values/security/kafka/sasl
  path: /spec/values/security/kafka/copied
- op: move
  from: /spec/values/security/kafka/protocol
  path: /spec/values/protocol
)")));
  CHECK(text_at(doc, "spec.values.security.kafka.copied.mechanism") == "PLAIN");
  CHECK(text_at(doc, "spec.values.security.kafka.sasl.mechanism") == "PLAIN");
  CHECK(text_at(doc, "spec.values.protocol") == "PLAINTEXT");
  CHECK(text_at(doc, "spec.values.security.kafka.protocol") == "<absent>");
  // Into its own subtree, or from nowhere: rejected.
  CHECK_FALSE(apply_json6902(
      doc, parse("- {op: move, from: /spec/values, path: /spec/values/security/x}")));
  CHECK_FALSE(apply_json6902(doc, parse("- {op: copy, from: /nope, path: /spec/x}")));
}

TEST_CASE("JSON 6902 escaped keys (annotations with slashes)", "[kustomize]") {
  Node doc = parse("metadata:\n  annotations: {}\n");
  REQUIRE(apply_json6902(doc, parse(R"(- op: add
  path: /metadata/annotations/reflector.v1.k8s.emberstack.com~1reflection-allowed
  value: "true"
)")));
  CHECK(doc.at("metadata.annotations")->find("reflector.v1.k8s.emberstack.com/reflection-allowed"));
}

TEST_CASE("Strategic merge: maps merge, lists and scalars replace, null deletes", "[kustomize]") {
  Node doc = parse(kHelmRelease);
  Node patch = parse(R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: seldon-core-v2-setup
spec:
  values:
    security:
      kafka:
        protocol: SASL_SSL
        sasl:
          mechanism: null
          client: {secret: kafka-sasl}
    list: [z]
)");
  CHECK(apply_strategic_merge(doc, patch) == MergeResult::Merged);
  CHECK(text_at(doc, "spec.values.security.kafka.protocol") == "SASL_SSL");
  CHECK(text_at(doc, "spec.values.security.kafka.sasl.mechanism") == "<absent>");
  CHECK(text_at(doc, "spec.values.security.kafka.sasl.client.secret") == "kafka-sasl");
  CHECK(doc.at("spec.values.list")->items.size() == 1);
  CHECK(text_at(doc, "metadata.namespace") == "seldon-system");  // untouched keys stay
}

TEST_CASE("Strategic merge directives: $patch delete and replace", "[kustomize]") {
  Node doc = parse(kHelmRelease);
  Node replace = parse(R"(spec:
  values:
    $patch: replace
    kafka: {bootstrap: "b:9093"}
)");
  apply_strategic_merge(doc, replace);
  CHECK(text_at(doc, "spec.values.security.kafka.protocol") == "<absent>");
  CHECK(text_at(doc, "spec.values.kafka.bootstrap") == "b:9093");
  CHECK(doc.at("spec.values")->find("$patch") == nullptr);
  Node remove_key = parse("spec:\n  values:\n    kafka:\n      $patch: delete\n");
  apply_strategic_merge(doc, remove_key);
  CHECK(text_at(doc, "spec.values.kafka") == "<absent>");
  CHECK(apply_strategic_merge(doc, parse("kind: HelmRelease\n$patch: delete\n")) ==
        MergeResult::DeleteObject);
}

TEST_CASE("Label selectors", "[kustomize]") {
  Node labels = parse("app: seldon\ntier: control\n");
  CHECK(*label_selector_matches("app=seldon", &labels));
  CHECK(*label_selector_matches("app==seldon,tier", &labels));
  CHECK_FALSE(*label_selector_matches("app!=seldon", &labels));
  CHECK(*label_selector_matches("tier in (control, data),!missing", &labels));
  CHECK_FALSE(*label_selector_matches("tier notin (control)", &labels));
  CHECK_FALSE(*label_selector_matches("missing", &labels));
  CHECK(*label_selector_matches("", &labels));
  CHECK_FALSE(label_selector_matches("tier in control", &labels));
}

TEST_CASE("Selectors: anchored regular expressions over current and original names",
          "[kustomize]") {
  Node doc = parse(kHelmRelease);
  ResourceIdentity id;
  id.api_version = "helm.toolkit.fluxcd.io/v2";
  id.kind = "HelmRelease";
  id.names = {"seldon-core-v2-setup", "prod-seldon-core-v2-setup"};
  id.namespaces = {"", "seldon-system"};
  id.labels = doc.at("metadata.labels");
  CHECK(Selector(parse("kind: HelmRelease")).matches(id));
  CHECK(Selector(parse("kind: (HelmRelease|Kustomization)\nname: seldon-.*")).matches(id));
  CHECK_FALSE(Selector(parse("kind: Helm")).matches(id));  // anchored
  CHECK(Selector(parse("name: prod-seldon-core-v2-setup")).matches(id));
  CHECK(Selector(parse("namespace: default")).matches(id));  // unset = default
  CHECK(Selector(parse("group: helm.toolkit.fluxcd.io\nversion: v2")).matches(id));
  CHECK_FALSE(Selector(parse("group: kustomize.toolkit.fluxcd.io")).matches(id));
  CHECK(Selector(parse("labelSelector: app=seldon")).matches(id));
  CHECK_FALSE(Selector(parse("labelSelector: app=other")).matches(id));
  Selector broken(parse("name: \"(a\""));
  CHECK(broken.invalid());
  CHECK_FALSE(broken.matches(id));
  Selector explosive(parse("name: \"(a*)*b\""));  // refused, never run
  CHECK(explosive.invalid());
}

TEST_CASE("Replacement field paths", "[kustomize]") {
  CHECK(split_field_path("metadata.annotations.[example.com/key]") ==
        std::vector<std::string>{"metadata", "annotations", "[example.com/key]"});
  Node doc = parse(R"(spec:
  valuesFrom:
    - {kind: ConfigMap, name: a}
    - {kind: Secret, name: b}
metadata:
  annotations: {example.com/key: v}
)");
  auto found = find_fields(doc, split_field_path("spec.valuesFrom.[kind=Secret].name"));
  REQUIRE(found.size() == 1);
  CHECK(found[0]->scalar == "b");
  CHECK(find_fields(doc, split_field_path("spec.valuesFrom.*.name")).size() == 2);
  CHECK(find_fields(doc, split_field_path("spec.valuesFrom.0.name"))[0]->scalar == "a");
  CHECK(find_fields(doc, split_field_path("metadata.annotations.[example.com/key]"))[0]->scalar ==
        "v");
  CHECK(find_fields_for_write(doc, split_field_path("spec.values.kafka.bootstrap"), false, doc)
            .empty());
  auto created =
      find_fields_for_write(doc, split_field_path("spec.values.kafka.bootstrap"), true, doc);
  REQUIRE(created.size() == 1);
  CHECK(created[0]->is_null());
}

TEST_CASE("Field spec paths traverse lists", "[kustomize]") {
  Node doc = parse(R"(spec:
  valuesFrom:
    - {kind: ConfigMap, name: a}
    - {kind: Secret, name: b}
)");
  std::vector<std::string> seen;
  for_each_field_spec_value(doc, {"spec", "valuesFrom", "name"}, 0,
                            [&](Node& n) { seen.push_back(n.scalar); });
  CHECK(seen == std::vector<std::string>{"a", "b"});
}
