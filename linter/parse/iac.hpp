// Readers for infrastructure code that is not Kubernetes YAML: Terraform
// (.tf, .tfvars), Bicep (.bicep, .bicepparam) and ARM JSON (templates and
// parameter files).  The Kubernetes forms (Azure Service Operator,
// Crossplane) are read by the model builder from the YAML tree.
//
// Terraform and Bicep are turned into IacExpr syntax (linter/parse/iac_expr.hpp)
// that the deployment assembly (linter/model/iac/) evaluates with each
// deployment's variables and parameters.  ARM templates are evaluated here,
// with the values of a parameter file passed in.  Anything computed stays
// unknown.  Broken input never throws: tree-sitter recovers from errors and
// the JSON reader gives up on the file.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "linter/base/position_index.hpp"
#include "linter/parse/iac_expr.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// A location in `file` from byte offsets [begin, end).
Location iac_location(const SourceFile& file, FileId id, uint32_t begin, uint32_t end);

// iac_location for the many nodes of one file.  A column counts code points
// from its line's start, which is quadratic over the nodes of one long line
// (a minified ARM template, a megabyte `locals` list); past kShortLine bytes
// into a line a PositionIndex, built on first need, answers in constant time.
class IacLocator {
 public:
  IacLocator(const SourceFile& file, FileId id) : file_(file), id_(id) {}
  Location at(uint32_t begin, uint32_t end) const;
  FileId file() const { return id_; }
  // Bytes scanned for columns: deterministic, for the scaling tests.
  uint64_t steps() const { return steps_; }

 private:
  static constexpr uint32_t kShortLine = 512;
  Position position(uint32_t offset) const;
  const SourceFile& file_;
  FileId id_;
  mutable std::shared_ptr<const PositionIndex> index_;
  mutable uint64_t steps_ = 0;
};

using IacAssignments = std::vector<std::pair<std::string, IacExpr>>;

// ---- Terraform -------------------------------------------------------------

struct TerraformVariable {
  std::string name;
  bool has_default = false;
  IacExpr default_value;
  Location location;  // `variable "x"`
};

// A module call or an `azurerm_eventhub_namespace` resource.
struct TerraformBlock {
  std::string name;    // the block's (last) label
  std::string source;  // module calls: the literal `source`
  IacAssignments attributes;
  Location location;    // `module "x"` / `resource "t" "x"`
  bool broken = false;  // holds a syntax error: an attribute may be missing
  const IacExpr* attribute(std::string_view key) const;
};

struct TerraformFileSyntax {
  std::vector<TerraformVariable> variables;
  IacAssignments locals;
  std::vector<TerraformBlock> modules;
  std::vector<TerraformBlock> namespaces;
  IacAssignments attributes;  // top-level `name = value` (the lines of a .tfvars file)
  bool syntax_error = false;
  Location error_location;    // the first syntax error
  std::string limit_message;  // the parse work budget ran out (SL002), with syntax_error
  uint64_t work = 0;          // parser operations (about), deterministic
};

TerraformFileSyntax parse_terraform(const SourceFile& file, FileId id);

// ---- Bicep -----------------------------------------------------------------

struct BicepParameter {
  std::string name;
  bool has_default = false;  // in a .bicepparam file: the assigned value
  IacExpr value;
  Location location;
};

// A `module` declaration or a `Microsoft.EventHub/namespaces` resource.
struct BicepDeclaration {
  std::string symbol;
  std::string path;  // modules: the module path or registry reference
  IacExpr body;      // the object after `=` (inside `if (...)` / `[for ...]`)
  bool has_condition = false;
  IacExpr condition;          // `if (condition)`
  bool loop = false;          // `[for ...]`
  std::string loop_variable;  // `[for x in items: ...]`: "x" (empty for `(x, i)`)
  IacExpr loop_items;         // `items`
  Location location;          // `module x '...'` / `resource x '...'`
};

struct BicepFileSyntax {
  std::vector<BicepParameter> parameters;
  IacAssignments variables;
  std::vector<BicepDeclaration> modules;
  std::vector<BicepDeclaration> namespaces;
  bool has_using = false;  // .bicepparam: `using '<template>'`
  std::string using_path;  // empty for `using none` or a computed target
  bool syntax_error = false;
  std::string limit_message;  // the parse work budget ran out (SL002), with syntax_error
  uint64_t work = 0;          // parser operations (about), deterministic
};

// A .bicep template or, when the path ends in `.bicepparam`, a parameters file.
BicepFileSyntax parse_bicep(const SourceFile& file, FileId id);

// ---- ARM JSON --------------------------------------------------------------

using IacInputs = std::map<std::string, IacValue>;

// The Event Hubs namespaces of an ARM template; `parameters` (from a parameter
// file, may be null) win over the template's defaults.  `work` (if set)
// receives the reader's step count (JSON values read, resources, parameters
// and variables visited, members looked up): deterministic, for the scaling
// tests.
void read_arm_eventhub_namespaces(const SourceFile& file, FileId id, const IacInputs* parameters,
                                  std::vector<EventHubNamespace>& out, uint64_t* work = nullptr);

// The `parameters` of an ARM parameter file (`"x": {"value": ...}`); Key
// Vault `reference` entries are Unknown.  False when the file is not one.
bool read_arm_parameters(const SourceFile& file, FileId id, IacInputs& out);

// The members of a JSON object file (`*.tfvars.json`).  False when the file
// is not a JSON object.
bool read_json_object(const SourceFile& file, FileId id, IacInputs& out);

// A namespace created in an Event Hubs Dedicated cluster (Terraform
// `dedicated_cluster_id`, Bicep/ARM `properties.clusterArmId`, ASO v2
// `spec.clusterArmReference`, Crossplane `dedicatedClusterId`) has the
// Dedicated tier's limits whatever its `sku` says (Azure wants `Standard`
// there); its own capacity is not the cluster's capacity units.
void mark_dedicated(EventHubNamespace& ns, Location cluster_reference);

// The `$schema` of a JSON file names an ARM deployment template / an ARM
// parameter file (`deploymentTemplate` / `deploymentParameters`).
bool is_arm_template_text(std::string_view text);
bool is_arm_parameters_text(std::string_view text);

// A cheap byte check: whether a Terraform, Bicep or ARM file can declare an
// Event Hubs namespace or call the Azure Verified Module that does.
bool mentions_eventhub_namespace(const SourceFile& file);

}  // namespace seldon_lint
