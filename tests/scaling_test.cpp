// Work grows linearly with input: each walk is run on an input and on one
// twice its size, and the deterministic step count (not time: it must hold
// under the sanitizers and on a loaded machine) may at most about double.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "linter/base/text.hpp"
#include "linter/parse/yaml_parser.hpp"

using namespace seldon_lint;

namespace {

// Steps for input sizes n and 2n, checked for linear growth (ratio <= 2.3,
// room for constant costs that do not double).
void check_linear(const std::function<size_t(size_t)>& steps_for, size_t n, const char* what) {
  size_t small = steps_for(n);
  size_t large = steps_for(2 * n);
  INFO(what << ": " << small << " steps for n=" << n << ", " << large << " for 2n");
  REQUIRE(small > 0);
  CHECK(static_cast<double>(large) / static_cast<double>(small) <= 2.3);
}

size_t yaml_work(const std::string& text) {
  YamlParser parser;
  YamlParseOptions options;
  auto starts = compute_line_starts(text);
  return parser.parse(text, starts, options).work;
}

}  // namespace

TEST_CASE("YAML error recovery is linear in the number of documents", "[scaling]") {
  check_linear(
      [](size_t documents) {
        std::string text = "seldon: [unclosed\n";
        for (size_t i = 0; i < documents; ++i)
          text += "---\nseldon:\n  key: " + std::to_string(i) + "\n";
        YamlParser parser;
        YamlParseOptions options;
        auto starts = compute_line_starts(text);
        auto result = parser.parse(text, starts, options);
        REQUIRE(result.syntax_error);
        REQUIRE(result.documents.size() == documents);
        return result.work;
      },
      2000, "recovery");
}

TEST_CASE("YAML tree building is linear in keys, documents and line length", "[scaling]") {
  check_linear(
      [](size_t keys) {
        std::string text = "seldon:\n";
        for (size_t i = 0; i < keys; ++i) text += "  k" + std::to_string(i) + ": v\n";
        return yaml_work(text);
      },
      5000, "keys in one map");
  check_linear(
      [](size_t documents) {
        std::string text;
        for (size_t i = 0; i < documents; ++i) text += "---\nseldon: " + std::to_string(i) + "\n";
        return yaml_work(text);
      },
      5000, "documents");
  check_linear(
      [](size_t entries) {
        std::string text = "{seldon: x";
        for (size_t i = 0; i < entries; ++i) text += ", k" + std::to_string(i) + ": v";
        return yaml_work(text + "}");
      },
      5000, "one long line");
}

TEST_CASE("embedded YAML regions cost their own size, not the file's", "[scaling]") {
  // The same 40-line block in a file that doubles in size around it: a parse
  // of the region must not grow with the file (masking copied the file).
  auto region_work = [](size_t filler_lines) {
    std::string text;
    for (size_t i = 0; i < filler_lines; ++i) text += "filler" + std::to_string(i) + ": x\n";
    text += "values: |\n";
    uint32_t begin = static_cast<uint32_t>(text.size());
    for (int i = 0; i < 40; ++i) text += "  key" + std::to_string(i) + ": v\n";
    uint32_t end = static_cast<uint32_t>(text.size());
    for (size_t i = 0; i < filler_lines; ++i) text += "after" + std::to_string(i) + ": x\n";
    auto starts = compute_line_starts(text);
    YamlParser parser;
    YamlParseOptions options;
    auto result = parser.parse_region(text, starts, begin, end, options);
    REQUIRE(result.documents.size() == 1);
    REQUIRE(result.documents[0].root.entries.size() == 40);
    // Positions are the file's.
    CHECK(result.documents[0].root.entries[0].key_range.begin.offset == begin + 2);
    return result.work;
  };
  CHECK(region_work(1000) == region_work(4000));
}

#include "linter/model/sources/helm_parameters.hpp"

TEST_CASE("Helm --set names are applied in work linear in their number", "[scaling]") {
  // Each name is found through a map level's hash index; the step count is
  // the walk itself (levels and list elements), so doubling names doubles it.
  check_linear(
      [](size_t names) {
        yaml::Node root;
        root.kind = yaml::Kind::Map;
        SetParameters tree(std::move(root));
        bool all_applied = true;
        for (size_t i = 0; i < names; ++i) {
          yaml::Node value;
          value.kind = yaml::Kind::Scalar;
          value.scalar = "v";
          std::string name = "a.k" + std::to_string(i) + ".list[" + std::to_string(i % 3) + "]";
          all_applied = all_applied && tree.set(name, std::move(value), Location{}).empty();
        }
        REQUIRE(all_applied);
        size_t steps = tree.steps();
        yaml::Node out = std::move(tree).finish();
        REQUIRE(out.find("a")->entries.size() == names);
        return steps;
      },
      20000, "--set names");
}

#include "linter/model/sources/kustomize.hpp"
#include "linter/model/sources/source_context.hpp"
#include "linter/parse/gotemplate/template.hpp"
#include "linter/parse/iac.hpp"

namespace {

// YAML files parsed as the loader presents them.
Model yaml_model(const std::vector<std::pair<std::string, std::string>>& files) {
  Model model;
  YamlParser parser;
  for (const auto& [path, text] : files) {
    SourceFile file;
    file.path = path;
    file.kind = FileKind::Yaml;
    file.text = text;
    file.line_starts = compute_line_starts(file.text);
    YamlParseOptions options;
    options.file = static_cast<FileId>(model.files.size());
    file.documents = parser.parse(file.text, file.line_starts, options).documents;
    file.relevant = true;
    model.files.push_back(std::move(file));
  }
  std::sort(model.files.begin(), model.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return model;
}

// The id of base/secret.yaml, the one file the kustomization tests place.
FileId secret_file(const Model& model) {
  FileId id = 0;
  while (model.files.at(id).path != "base/secret.yaml") ++id;
  return id;
}

SourceFile iac_file(const std::string& path, FileKind kind, std::string text) {
  SourceFile file;
  file.path = path;
  file.kind = kind;
  file.text = std::move(text);
  file.line_starts = compute_line_starts(file.text);
  return file;
}

}  // namespace

TEST_CASE("the kustomization walk is linear in overlays sharing one base file", "[scaling]") {
  // Each overlay lists the shared file: its placements were found by a scan.
  check_linear(
      [](size_t overlays) {
        std::vector<std::pair<std::string, std::string>> files{
            {"base/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: kafka\n"}};
        for (size_t i = 0; i < overlays; ++i) {
          files.push_back({"overlays/o" + std::to_string(i) + "/kustomization.yaml",
                           "namespace: ns" + std::to_string(i) +
                               "\nresources:\n- ../../base/secret.yaml\n- ../../base\n"});
        }
        Model model = yaml_model(files);
        KustomizeLayout layout = compute_kustomize_layout(model, PathIndex(model.files), {});
        REQUIRE(layout.files.size() == 1);
        REQUIRE(layout.files.find(secret_file(model))->size() == overlays);
        return layout.work;
      },
      2000, "overlays");
  check_linear(
      [](size_t resources) {
        std::string kustomization = "resources:\n";
        std::vector<std::pair<std::string, std::string>> files;
        for (size_t i = 0; i < resources; ++i) {
          std::string name = "r" + std::to_string(i) + ".yaml";
          kustomization += "- " + name + "\n";
          files.push_back({"app/" + name, "kind: ConfigMap\n"});
        }
        files.push_back({"app/kustomization.yaml", kustomization});
        Model model = yaml_model(files);
        return compute_kustomize_layout(model, PathIndex(model.files), {}).work;
      },
      2000, "resources of one kustomization");
}

TEST_CASE("a long placement list dedups through its index as a short one does by scan",
          "[scaling]") {
  // 40 overlays over 20 namespaces: the shared base kustomization keeps one
  // placement per namespace, past the length where the list is indexed.
  for (size_t namespaces : {size_t{5}, size_t{20}}) {
    std::vector<std::pair<std::string, std::string>> files{
        {"base/kustomization.yaml", "resources:\n- secret.yaml\n"},
        {"base/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: kafka\n"}};
    for (size_t i = 0; i < 2 * namespaces; ++i) {
      files.push_back(
          {"overlays/o" + std::to_string(i) + "/kustomization.yaml",
           "namespace: ns" + std::to_string(i % namespaces) + "\nresources:\n- ../../base\n"});
    }
    Model model = yaml_model(files);
    KustomizeLayout layout = compute_kustomize_layout(model, PathIndex(model.files), {});
    FileId base = 0;
    while (model.files[base].path != "base/kustomization.yaml") ++base;
    REQUIRE(layout.kustomizations.find(base)->size() == namespaces);
    // The file keeps one placement per overlay chain: no two alike.
    REQUIRE(layout.files.size() == 1);
    REQUIRE(layout.files.find(secret_file(model))->size() == 2 * namespaces);
  }
}

namespace {

// What the layout holds, as text: per file its placements (namespace,
// environment, chain of kustomization paths, Flux index) and resolved
// entries, then the problems.
std::string describe_layout(const Model& model, const KustomizeLayout& layout) {
  std::string out;
  auto places = [&](const char* what, const PlacementMap& map) {
    map.for_each([&](FileId id, const std::vector<Placement>& list) {
      for (const auto& p : list) {
        out += std::string(what) + " " + model.files[id].path + " ns=" + p.namespace_name +
               " env=" + p.environment + " flux=" + std::to_string(p.flux) + " chain=";
        for (FileId k : p.overlays()) out += model.files[k].path + ">";
        out += "\n";
      }
    });
  };
  places("file", layout.files);
  places("kustomization", layout.kustomizations);
  layout.entries.for_each([&](FileId id, const std::vector<ResolvedEntry>& list) {
    for (const auto& entry : list) {
      out += "entry " + model.files[id].path + " -> " + entry.target +
             " file=" + (entry.file == kNoFile ? std::string("-") : model.files[entry.file].path) +
             "\n";
    }
  });
  for (const auto& problem : layout.problems) {
    out += "problem " + model.files[problem.location.file].path + ":" +
           std::to_string(problem.location.range.begin.offset) + " " + problem.message + "\n";
  }
  out += "work " + std::to_string(layout.work) + "\n";
  return out;
}

}  // namespace

TEST_CASE("the layout does not depend on how many threads resolve the entries", "[scaling]") {
  // Shared bases, a cycle, a missing target, a file listed by two overlays:
  // the entries are resolved in parallel, the walk reads them.
  std::vector<std::pair<std::string, std::string>> files{
      {"base/kustomization.yaml", "resources:\n- secret.yaml\n- ../shared\n- missing.yaml\n"},
      {"base/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: kafka\n"},
      {"shared/kustomization.yaml", "resources:\n- config.yaml\n- ../loop\n"},
      {"shared/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"},
      {"loop/kustomization.yaml", "resources:\n- ../shared\n"}};
  // Enough kustomizations that every worker gets some (a few dozen were often
  // all resolved by the first worker before the second one started).
  for (size_t i = 0; i < 3000; ++i) {
    files.emplace_back("overlays/o" + std::to_string(i) + "/kustomization.yaml",
                       "namespace: ns" + std::to_string(i % 7) +
                           "\nresources:\n- ../../base\n- ../../base/secret.yaml\n");
  }
  Model model = yaml_model(files);
  const PathIndex paths(model.files);
  std::string serial = describe_layout(model, compute_kustomize_layout(model, paths, {}, 1));
  REQUIRE(serial.find("problem ") != std::string::npos);  // the cycle is reported
  REQUIRE(serial.find("entry base/kustomization.yaml -> base/missing.yaml file=-") !=
          std::string::npos);
  for (unsigned jobs : {2u, 4u}) {
    CHECK(describe_layout(model, compute_kustomize_layout(model, paths, {}, jobs)) == serial);
  }
}

TEST_CASE("placements along one overlay chain share one interned chain", "[scaling]") {
  // Two overlays over one base: the base's two files are placed along the
  // same two chains, each kept once, with the hash the Kustomize build uses.
  Model model = yaml_model({
      {"base/kustomization.yaml", "resources:\n- secret.yaml\n- config.yaml\n"},
      {"base/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: kafka\n"},
      {"base/config.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\n"},
      {"overlays/a/kustomization.yaml", "namespace: a\nresources:\n- ../../base\n"},
      {"overlays/b/kustomization.yaml", "namespace: b\nresources:\n- ../../base\n"},
  });
  KustomizeLayout layout = compute_kustomize_layout(model, PathIndex(model.files), {});
  REQUIRE(layout.chains.size() == 4);  // a, b, a>base, b>base
  FileId secret = secret_file(model), config = 0;
  while (model.files[config].path != "base/config.yaml") ++config;
  const auto& secret_places = *layout.files.find(secret);
  const auto& config_places = *layout.files.find(config);
  REQUIRE(secret_places.size() == 2);
  REQUIRE(config_places.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(secret_places[i].chain == config_places[i].chain);
    REQUIRE(secret_places[i].overlays().size() == 2);  // outermost first
    CHECK(model.files[secret_places[i].overlays()[0]].path.starts_with("overlays/"));
    CHECK(model.files[secret_places[i].overlays()[1]].path == "base/kustomization.yaml");
    CHECK(secret_places[i].chain_hash() == overlay_chain_hash(secret_places[i].overlays()));
  }
  CHECK(secret_places[0].chain != secret_places[1].chain);
  CHECK(secret_places[0].namespace_name != secret_places[1].namespace_name);
  // A placement with no kustomization above it has the empty chain.
  Placement direct;
  CHECK(direct.overlays().empty());
  CHECK(direct.chain_hash() == overlay_chain_hash({}));
}

TEST_CASE("templated value-file names match in O(holes x path length)", "[scaling]") {
  // Seven holes, as in issue 11's input that backtracked past a minute.
  const std::string pattern = "envs/{{a}}{{b}}{{c}}{{d}}{{e}}{{f}}{{g}}/values.yaml";
  check_linear(
      [&](size_t length) {
        std::map<std::string, std::string> binding;
        size_t steps = 0;
        std::string path = "envs/" + std::string(length, 'a') + "b/values.yaml";
        REQUIRE(bind_template_holes(pattern, path, binding, &steps));
        CHECK(binding.size() == 7);
        return steps;
      },
      500, "path length");
}

TEST_CASE("the Go template renderer is linear in range iterations and includes", "[scaling]") {
  check_linear(
      [](size_t n) {
        gotemplate::TemplateSet set;
        set.add_file("chart/templates/_helpers.tpl",
                     "{{- define \"item\" -}}name-{{ . }}{{- end -}}\n");
        uint32_t file = set.add_file(
            "chart/templates/list.yaml",
            "items:\n{{- range $i := until (int .Values.n) }}\n- {{ include \"item\" $i | quote }}"
            "\n{{- end }}\n");
        gotemplate::Map values;
        values.emplace("n", gotemplate::Value::integer(static_cast<int64_t>(n)));
        gotemplate::Map root;
        root.emplace("Values", gotemplate::Value::map(std::move(values)));
        auto result = set.render(file, gotemplate::Value::map(std::move(root)));
        REQUIRE(result.ok());
        return static_cast<size_t>(result.steps);
      },
      2000, "range with include");
}

TEST_CASE("the Terraform and Bicep readers are linear in their input", "[scaling]") {
  check_linear(
      [](size_t blocks) {
        std::string text;
        for (size_t i = 0; i < blocks; ++i) {
          text += "module \"m" + std::to_string(i) +
                  "\" {\n  source = \"../m\"\n  x = [1, \"a\", " + "{ k = var.v }]\n}\n";
        }
        auto syntax = parse_terraform(iac_file("infra/main.tf", FileKind::Terraform, text), 0);
        REQUIRE(syntax.modules.size() == blocks);
        return static_cast<size_t>(syntax.work);
      },
      2000, "Terraform module blocks");
  check_linear(
      [](size_t blocks) {
        std::string text;
        for (size_t i = 0; i < blocks; ++i) {
          text += "module m" + std::to_string(i) + " './m.bicep' = {\n  name: 'm'\n  params: {\n" +
                  "    x: [1, 'a']\n  }\n}\n";
        }
        auto syntax = parse_bicep(iac_file("infra/main.bicep", FileKind::Bicep, text), 0);
        REQUIRE(syntax.modules.size() == blocks);
        return static_cast<size_t>(syntax.work);
      },
      2000, "Bicep module declarations");
}

TEST_CASE("the Terraform and Bicep readers are linear in the length of one line", "[scaling]") {
  // Columns were counted from the line start for every node: quadratic over
  // a megabyte list written on one line.
  check_linear(
      [](size_t items) {
        std::string text = "locals { x = [";
        for (size_t i = 0; i < items; ++i) text += "\"item-" + std::to_string(i) + "\", ";
        text += "\"last\"] }\n";
        auto syntax = parse_terraform(iac_file("infra/main.tf", FileKind::Terraform, text), 0);
        REQUIRE(!syntax.syntax_error);
        REQUIRE(syntax.locals.size() == 1);
        REQUIRE(syntax.locals[0].second.parts.size() == items + 1);
        CHECK(syntax.locals[0].second.parts.back().location.range.begin.column ==
              text.rfind("\"last\"") + 1);
        return static_cast<size_t>(syntax.work);
      },
      5000, "Terraform list on one line");
  check_linear(
      [](size_t items) {
        std::string text = "var x = [";
        for (size_t i = 0; i < items; ++i) text += "'item-" + std::to_string(i) + "', ";
        text += "'last']\n";
        auto syntax = parse_bicep(iac_file("infra/main.bicep", FileKind::Bicep, text), 0);
        REQUIRE(!syntax.syntax_error);
        REQUIRE(syntax.variables.size() == 1);
        REQUIRE(syntax.variables[0].second.parts.size() == items + 1);
        CHECK(syntax.variables[0].second.parts.back().location.range.begin.column ==
              text.rfind("'last'") + 1);
        return static_cast<size_t>(syntax.work);
      },
      5000, "Bicep array on one line");
}

TEST_CASE("the ARM template reader is linear in resources, parameters and variables", "[scaling]") {
  // Each namespace names its own variable and parameter: looking them up by
  // scanning the template's `variables` made this quadratic.
  check_linear(
      [](size_t resources) {
        std::string parameters, variables, items;
        for (size_t i = 0; i < resources; ++i) {
          std::string n = std::to_string(i);
          std::string sep = i == 0 ? "" : ",";
          parameters +=
              sep + "\"p" + n + "\": {\"type\": \"string\", \"defaultValue\": \"Standard\"}";
          variables += sep + "\"v" + n + "\": \"ns-" + n + "\"";
          items += sep +
                   "{\"type\": \"Microsoft.EventHub/namespaces\", \"apiVersion\": \"2024-01-01\", "
                   "\"name\": \"[variables('v" +
                   n + "')]\", \"sku\": {\"name\": \"[parameters('p" + n +
                   "')]\", \"capacity\": 1}, \"properties\": {\"disableLocalAuth\": true}}";
          if (i % 8 == 0) {  // and a nested deployment with its own scope
            items +=
                ",{\"type\": \"Microsoft.Resources/deployments\", \"properties\": {"
                "\"parameters\": {\"tier\": {\"value\": \"Premium\"}}, \"template\": {"
                "\"parameters\": {\"tier\": {\"type\": \"string\"}}, \"resources\": [{"
                "\"type\": \"Microsoft.EventHub/namespaces\", \"name\": \"nested-" +
                n + "\", \"sku\": {\"name\": \"[parameters('tier')]\"}}]}}}";
          }
        }
        std::string text =
            "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
            "deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"parameters\": {" +
            parameters + "}, \"variables\": {" + variables + "}, \"resources\": [" + items + "]}";
        std::vector<EventHubNamespace> out;
        uint64_t work = 0;
        read_arm_eventhub_namespaces(iac_file("infra/azuredeploy.json", FileKind::ArmJson, text), 0,
                                     nullptr, out, &work);
        REQUIRE(out.size() == resources + resources / 8);
        CHECK(out[1].name == "nested-0");  // the nested deployment's, with its passed tier
        CHECK(out[1].sku == "Premium");
        CHECK(out.front().name == "ns-0");
        CHECK(out.front().sku == "Standard");
        return static_cast<size_t>(work);
      },
      2000, "ARM namespaces naming their own parameters and variables");
}
