// Terraform deployments: each root module (a folder with .tf files that is not
// only called as a module by another folder) with `terraform.tfvars` and
// `*.auto.tfvars` in lexical order, plus at most one per-environment var file
// (Terraform's variable precedence: later files win; `-var-file` last).
// Module calls pass their inputs to local modules (followed, bounded) and to
// the Azure Verified Module for Event Hubs namespaces, whose defaults are
// known (sku Standard, capacity 1, local authentication disabled).
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/model/iac/iac_common.hpp"

namespace seldon_lint::iac {
namespace {

using VKind = IacValue::Kind;

struct TfModule {
  std::string folder;
  std::vector<FileId> files;      // .tf files, sorted by path
  std::vector<FileId> var_files;  // .tfvars files in this folder
  bool mentions = false;          // some file names an Event Hubs namespace
  bool parsed = false;
  bool called = false;  // some other folder calls it as a local module
  std::vector<TerraformFileSyntax> syntax;
  std::map<std::string, const TerraformVariable*> variables;
  std::map<std::string, const IacExpr*> locals;
  std::vector<const TerraformBlock*> calls;
  std::vector<const TerraformBlock*> namespaces;
};

bool is_local_source(std::string_view source) {
  return starts_with(source, "./") || starts_with(source, "../");
}

// The Azure Verified Module for Event Hubs namespaces, from the registry
// (`Azure/avm-res-eventhub-namespace/azurerm`) or its git repository.
bool is_avm_eventhub_namespace(std::string_view source) {
  return !is_local_source(source) && contains_icase(source, "avm-res-eventhub-namespace");
}

bool is_var_file(std::string_view path) {
  return ends_with(path, ".tfvars") || ends_with(path, ".tfvars.json");
}

// Loaded automatically from the root folder (the rest only with -var-file).
bool is_base_var_file(std::string_view name) {
  return name == "terraform.tfvars" || name == "terraform.tfvars.json" ||
         ends_with(name, ".auto.tfvars") || ends_with(name, ".auto.tfvars.json");
}

// Terraform's order: terraform.tfvars, terraform.tfvars.json, then the
// *.auto.tfvars(.json) files in lexical order of their names.
bool loads_before(std::string_view a, std::string_view b) {
  auto rank = [](std::string_view name) {
    return name == "terraform.tfvars" ? 0 : name == "terraform.tfvars.json" ? 1 : 2;
  };
  if (rank(a) != rank(b)) return rank(a) < rank(b);
  return a < b;
}

// Meta-arguments of a module call: not inputs of the module.
bool is_meta_argument(std::string_view key) {
  return key == "source" || key == "version" || key == "count" || key == "for_each" ||
         key == "providers" || key == "depends_on";
}

// The instances a block creates, each with its `each` binding (unknown when
// the block has no for_each).  None for a count of 0 or an empty for_each,
// and none for a count the linter cannot evaluate (the block may not exist:
// nothing is said about it).  A count above 1 is one instance: its copies
// differ only by count.index, which stays unknown.  A for_each over a known
// map or set gives one instance per element (`each.key`, `each.value`); over
// unknown elements one instance whose `each` is unknown.
std::vector<IacValue> instances(const TerraformBlock& block, const IacResolver& resolve) {
  if (const IacExpr* count = block.attribute("count")) {
    IacValue v = evaluate(*count, resolve);
    if (v.kind != VKind::Number || std::atof(v.text.c_str()) == 0) return {};
  }
  const IacExpr* each = block.attribute("for_each");
  if (each == nullptr) return {IacValue::unknown(block.location)};
  IacValue v = evaluate(*each, resolve);
  auto binding = [](IacValue key, IacValue value) {
    IacValue b;
    b.kind = VKind::Object;
    b.origin = value.origin;
    b.members.emplace_back("key", std::move(key));
    b.members.emplace_back("value", std::move(value));
    return b;
  };
  std::vector<IacValue> out;
  if (v.kind == VKind::Object) {
    for (const auto& [name, value] : v.members) {
      IacValue key;
      key.kind = VKind::String;
      key.text = name;
      key.origin = value.origin;
      out.push_back(binding(std::move(key), value));
    }
  } else if (v.kind == VKind::Tuple) {  // toset([...]): key and value are the element
    for (const auto& item : v.items) out.push_back(binding(item, item));
  } else {
    out.push_back(IacValue::unknown(each->location));
  }
  return out;
}

// `each.*` resolves to the instance's binding; everything else as before.
IacResolver with_each(const IacResolver& resolve, const IacValue& each) {
  return [&resolve, &each](const IacExpr& ref, int depth) {
    return ref.text == "each" ? each : resolve(ref, depth);
  };
}

class TerraformDeployments {
 public:
  TerraformDeployments(Model& model, std::vector<EventHubNamespace>& out)
      : model_(model), out_(out) {}

  void run() {
    group_files();
    parse_relevant_folders();
    mark_called();
    for (auto& [folder, module] : modules_) {
      std::set<std::string> visiting;
      if (is_root(module) && matters(module, visiting, 0)) deploy(module);
    }
    deploy_unrooted_cycles();
  }

 private:
  // ---- files and folders -------------------------------------------------
  void group_files() {
    for (FileId id = 0; id < model_.files.size(); ++id) {
      const SourceFile& file = model_.files[id];
      if (file.kind != FileKind::Terraform) continue;
      if (is_var_file(file.path)) {
        var_files_.push_back(id);  // even empty: it makes its folder a deployment
      } else if (ends_with(file.path, ".tf") && !file.text.empty()) {
        TfModule& module = modules_[folder_of(file.path)];
        module.folder = folder_of(file.path);
        module.files.push_back(id);
        if (mentions_eventhub_namespace(file)) module.mentions = true;
      }
    }
    for (FileId id : var_files_) {
      auto it = modules_.find(folder_of(model_.files[id].path));
      if (it != modules_.end()) it->second.var_files.push_back(id);
    }
  }

  // Whether some file of `module` names a module call and one of `names`.
  bool may_call(const TfModule& module, const std::set<std::string>& names) const {
    return std::any_of(module.files.begin(), module.files.end(), [&](FileId id) {
      const std::string& text = model_.files[id].text;
      if (text.find("module") == std::string::npos) return false;
      return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
        return text.find(name) != std::string::npos;
      });
    });
  }

  // Only folders that can lead to a namespace are parsed: those that name
  // one, and (to a fixpoint) those whose text could call such a folder, found
  // by the folder's name in a `source` (a byte check, so it over-approximates).
  void parse_relevant_folders() {
    std::set<std::string> names;
    for (auto& [folder, module] : modules_) {
      if (!module.mentions) continue;
      parse(module);
      names.insert(std::string(file_name_of(folder)));
    }
    for (bool changed = !names.empty(); changed;) {
      changed = false;
      std::set<std::string> added;
      for (auto& [folder, module] : modules_) {
        if (module.parsed || !may_call(module, names)) continue;
        parse(module);
        added.insert(std::string(file_name_of(folder)));
      }
      for (const auto& name : added) changed |= names.insert(name).second;
    }
  }

  void parse(TfModule& module) {
    if (module.parsed) return;
    module.parsed = true;
    module.syntax.reserve(module.files.size());
    for (FileId id : module.files) module.syntax.push_back(parse_terraform(model_.files[id], id));
    for (const auto& syntax : module.syntax) {
      for (const auto& v : syntax.variables) module.variables.emplace(v.name, &v);
      for (const auto& [name, expr] : syntax.locals) module.locals.emplace(name, &expr);
      for (const auto& call : syntax.modules) module.calls.push_back(&call);
      for (const auto& ns : syntax.namespaces) module.namespaces.push_back(&ns);
    }
  }

  TfModule* callee(const TfModule& caller, const TerraformBlock& call) {
    if (!is_local_source(call.source)) return nullptr;
    std::string folder;
    if (!join_path(caller.folder, call.source, folder)) return nullptr;
    auto it = modules_.find(folder);
    if (it == modules_.end() || it->first == caller.folder) return nullptr;
    parse(it->second);
    return &it->second;
  }

  void mark_called() {
    for (auto& [folder, module] : modules_) {
      if (!module.parsed) continue;
      for (const TerraformBlock* call : module.calls) {
        if (TfModule* target = callee(module, *call)) target->called = true;
      }
    }
  }

  // A folder is deployed unless it is only called as a module: var files of
  // its own say it is applied directly too.
  static bool is_root(const TfModule& module) {
    return module.parsed && (!module.called || !module.var_files.empty());
  }

  // Folders only called from inside a cycle (a <-> b, neither with var files
  // of its own): one folder of each such cycle is deployed as a root, so that
  // the call closing the cycle is SL002 instead of the cycle being skipped.
  void deploy_unrooted_cycles() {
    std::vector<TfModule*> modules;
    for (auto& [folder, module] : modules_) modules.push_back(&module);
    auto deployed_alone = [](const TfModule& module) { return !module.parsed || is_root(module); };
    auto callees_of = [this](TfModule& module) {
      std::vector<TfModule*> targets;
      for (const TerraformBlock* call : module.calls) {
        if (TfModule* target = callee(module, *call)) targets.push_back(target);
      }
      return targets;
    };
    for (TfModule* entry : unrooted_cycle_entries(modules, deployed_alone, callees_of)) {
      std::set<std::string> visiting;
      if (matters(*entry, visiting, 0)) deploy(*entry);
    }
  }

  // Whether the module, or a local module it calls, can create a namespace.
  bool matters(TfModule& module, std::set<std::string>& visiting, int depth) {
    if (module.mentions) return true;
    if (depth > kMaxModuleDepth || !visiting.insert(module.folder).second) return false;
    for (const TerraformBlock* call : module.calls) {
      TfModule* target = callee(module, *call);
      if (target != nullptr && matters(*target, visiting, depth + 1)) return true;
    }
    return false;
  }

  // ---- deployments -------------------------------------------------------
  struct VarValues {
    bool readable = true;
    Location error_location;
    std::map<std::string, IacValue> values;
  };

  // A var file's `name = value` lines (or JSON members); values are constants.
  const VarValues& var_values(FileId id) {
    auto done = var_values_.find(id);
    if (done != var_values_.end()) return done->second;
    VarValues& out = var_values_[id];
    const SourceFile& file = model_.files[id];
    if (ends_with(file.path, ".json")) {
      IacInputs values;
      out.readable = read_json_object(file, id, values);
      out.error_location = Location{id, Range{Position{1, 1, 0}, Position{1, 1, 0}}};
      out.values.insert(values.begin(), values.end());
      return out;
    }
    TerraformFileSyntax syntax = parse_terraform(file, id);
    out.readable = !syntax.syntax_error;
    out.error_location = syntax.error_location;
    auto constants_only = [](const IacExpr& ref, int) { return IacValue::unknown(ref.location); };
    for (const auto& [name, expr] : syntax.attributes) {
      out.values[name] = evaluate(expr, constants_only);
    }
    return out;
  }

  // The per-environment var files of `root`: its own *.tfvars other than
  // terraform.tfvars / *.auto.tfvars, and var files in folders without
  // Terraform code that belong to it (see owner()).  A file that sets none of
  // the root's variables (`backend.tfvars` for `terraform init
  // -backend-config`) is not one.
  std::vector<FileId> per_environment_files(const TfModule& root) {
    std::vector<FileId> candidates, out;
    for (FileId id : root.var_files) {
      if (!is_base_var_file(file_name_of(model_.files[id].path))) candidates.push_back(id);
    }
    for (FileId id : var_files_) {
      std::string folder = folder_of(model_.files[id].path);
      if (modules_.count(folder) == 0 && owner(folder) == &root) candidates.push_back(id);
    }
    for (FileId id : candidates) {
      const VarValues& file = var_values(id);
      bool sets_a_variable =
          !file.readable ||
          std::any_of(file.values.begin(), file.values.end(),
                      [&](const auto& entry) { return root.variables.count(entry.first) > 0; });
      if (sets_a_variable) out.push_back(id);
    }
    return out;
  }

  // The root module a var file outside any module folder belongs to: the
  // nearest enclosing folder that is a root, or the one root directly inside
  // the nearest enclosing folder that has any (`infra/env/prod.tfvars` with
  // `infra/terraform/main.tf`).  Ambiguous: none.
  const TfModule* owner(std::string folder) const {
    for (int guard = 0; guard < 64; ++guard) {
      auto self = modules_.find(folder);
      if (self != modules_.end() && is_root(self->second)) return &self->second;
      const TfModule* found = nullptr;
      int count = 0;
      for (const auto& [path, module] : modules_) {
        if (is_root(module) && folder_of(path) == folder && path != folder) {
          found = &module;
          ++count;
        }
      }
      if (count == 1) return found;
      if (count > 1 || folder.empty()) return nullptr;
      folder = folder_of(folder);
    }
    return nullptr;
  }

  void deploy(TfModule& root) {
    std::vector<FileId> base;
    for (FileId id : root.var_files) {
      if (is_base_var_file(file_name_of(model_.files[id].path))) base.push_back(id);
    }
    std::sort(base.begin(), base.end(), [&](FileId a, FileId b) {
      return loads_before(file_name_of(model_.files[a].path), file_name_of(model_.files[b].path));
    });
    std::vector<FileId> per_env = per_environment_files(root);
    std::string root_environment = model_.files[root.files.front()].environment;
    if (per_env.empty()) {
      deploy_with(root, base, root_environment);
      return;
    }
    for (FileId id : per_env) {
      std::vector<FileId> layers = base;
      layers.push_back(id);
      deploy_with(root, layers, deployment_environment(model_.files[id], true));
    }
  }

  void deploy_with(TfModule& root, const std::vector<FileId>& layers,
                   const std::string& environment) {
    std::map<std::string, IacValue> inputs;
    bool broken = false;
    for (FileId id : layers) {
      const VarValues& file = var_values(id);
      if (!file.readable) {
        report_broken(id, file.error_location);
        broken = true;
      }
      for (const auto& [name, value] : file.values) inputs[name] = value;
    }
    Instance instance{root, std::move(inputs), Location{}, environment};
    instance.inputs_unknown = broken;
    ModuleWalk walk(model_, walk_reported_, root.folder);
    evaluate_module(instance, walk);
  }

  void report_broken(FileId id, Location at) {
    if (!reported_.insert(id).second) return;
    model_.problems.push_back(
        InputProblem{"SL001", at,
                     "syntax error in a Terraform variable definitions file a deployment uses; the "
                     "deployment's variables are not known"});
  }

  // The .tf files of a module a deployment evaluates are read whatever the
  // prefilter says, so their syntax errors are SL001.
  void report_syntax_errors(const TfModule& module) {
    for (size_t i = 0; i < module.syntax.size(); ++i) {
      const TerraformFileSyntax& syntax = module.syntax[i];
      if (!syntax.syntax_error || !reported_.insert(module.files[i]).second) continue;
      if (!syntax.limit_message.empty()) {
        model_.problems.push_back(
            InputProblem{"SL002", syntax.error_location, "not read: " + syntax.limit_message});
        continue;
      }
      model_.problems.push_back(InputProblem{
          "SL001", syntax.error_location,
          "Terraform syntax error; an Event Hubs namespace or module call that holds it is not "
          "judged"});
    }
  }

  // ---- evaluation of one module instance -----------------------------------
  struct Instance {
    TfModule& module;
    std::map<std::string, IacValue> inputs;  // from var files or the module call
    Location call;                           // the module call; unknown for a root
    std::string environment;
    bool inputs_unknown = false;  // a var file could not be read
    std::map<std::string, IacValue> locals{};
    std::set<std::string> evaluating{};
  };

  IacValue resolve(Instance& in, const IacExpr& ref, int depth) {
    const std::string& name = ref.text;
    if (starts_with(name, "var.")) return variable(in, name.substr(4), ref, depth);
    if (starts_with(name, "local.")) return local(in, name.substr(6), ref, depth);
    return IacValue::unknown(ref.location);  // resources, data, module outputs, each, count
  }

  IacValue variable(Instance& in, const std::string& name, const IacExpr& ref, int depth) {
    if (in.inputs_unknown) return IacValue::unknown(ref.location);
    auto input = in.inputs.find(name);
    if (input != in.inputs.end()) return input->second;
    auto declared = in.module.variables.find(name);
    if (declared == in.module.variables.end() || !declared->second->has_default) {
      return IacValue::unknown(ref.location);
    }
    // Defaults are constants in Terraform: no references to resolve.
    auto no_references = [](const IacExpr& r, int) { return IacValue::unknown(r.location); };
    IacValue value = evaluate(declared->second->default_value, no_references, depth);
    // Only a module's default: the finding goes to the call that could set it.
    if (in.call.known()) relocate(value, in.call);
    return value;
  }

  static void relocate(IacValue& value, Location where) {
    value.origin = where;
    for (auto& m : value.members) relocate(m.value, where);
    for (auto& item : value.items) relocate(item, where);
  }

  IacValue local(Instance& in, const std::string& name, const IacExpr& ref, int depth) {
    auto done = in.locals.find(name);
    if (done != in.locals.end()) return done->second;
    auto expr = in.module.locals.find(name);
    if (expr == in.module.locals.end() || in.evaluating.count(name) > 0) {
      return IacValue::unknown(ref.location);  // undeclared, or a cycle
    }
    in.evaluating.insert(name);
    IacValue value = evaluate(*expr->second, resolver(in), depth);
    in.evaluating.erase(name);
    in.locals[name] = value;
    return value;
  }

  IacResolver resolver(Instance& in) {
    return [this, &in](const IacExpr& ref, int depth) { return resolve(in, ref, depth); };
  }

  // The folder a local module call names (the caller's own folder included).
  std::optional<std::string> call_target(const TfModule& caller, const TerraformBlock& call) const {
    std::string folder;
    if (!is_local_source(call.source) || !join_path(caller.folder, call.source, folder))
      return std::nullopt;
    if (modules_.count(folder) == 0) return std::nullopt;
    return folder;
  }

  void evaluate_module(Instance& in, ModuleWalk& walk) {
    report_syntax_errors(in.module);
    IacResolver r = resolver(in);
    for (const TerraformBlock* resource : in.module.namespaces) {
      // A block with a syntax error may have lost any attribute: not judged.
      if (resource->broken) continue;
      for (const IacValue& each : instances(*resource, r)) {
        IacResolver er = with_each(r, each);
        std::map<std::string, IacValue> values;
        for (const char* key :
             {"name", "sku", "capacity", "local_authentication_enabled", "dedicated_cluster_id"}) {
          if (const IacExpr* expr = resource->attribute(key)) values[key] = evaluate(*expr, er);
        }
        out_.push_back(make_namespace(namespace_values(values), "Terraform", in.environment,
                                      resource->location));
      }
    }
    for (const TerraformBlock* call : in.module.calls) {
      if (call->broken) continue;
      for (const IacValue& each : instances(*call, r)) {
        IacResolver er = with_each(r, each);
        std::map<std::string, IacValue> inputs;
        for (const auto& [key, expr] : call->attributes) {
          if (!is_meta_argument(key)) inputs[key] = evaluate(expr, er);
        }
        if (is_avm_eventhub_namespace(call->source)) {
          verified_module(*call, inputs, in.environment);
        } else if (auto folder = call_target(in.module, *call);
                   folder && walk.enter(*folder, call->location)) {
          if (TfModule* target = callee(in.module, *call)) {
            Instance child{*target, std::move(inputs), call->location, in.environment};
            evaluate_module(child, walk);
          }
          walk.leave();
        }
      }
    }
  }

  static NamespaceValues namespace_values(const std::map<std::string, IacValue>& values) {
    auto get = [&](const char* key) -> const IacValue* {
      auto it = values.find(key);
      return it == values.end() ? nullptr : &it->second;
    };
    NamespaceValues v;
    v.name = get("name");
    v.sku = get("sku");
    v.capacity = get("capacity");
    v.local_auth_enabled = get("local_authentication_enabled");
    v.dedicated_cluster = get("dedicated_cluster_id");
    return v;
  }

  // `Azure/avm-res-eventhub-namespace/azurerm`: its variables' defaults are
  // sku "Standard", capacity 1 and local_authentication_enabled false; with
  // `existing_parent_resource` set it creates no namespace.
  void verified_module(const TerraformBlock& call, std::map<std::string, IacValue> inputs,
                       const std::string& environment) {
    if (auto existing = inputs.find("existing_parent_resource");
        existing != inputs.end() && !existing->second.is_null()) {
      return;  // an existing namespace (or maybe one: unknown, so nothing is said)
    }
    inputs.emplace("sku", default_at(VKind::String, "Standard", call.location));
    inputs.emplace("capacity", default_at(VKind::Number, "1", call.location));
    inputs.emplace("local_authentication_enabled", default_at(VKind::Bool, "false", call.location));
    out_.push_back(make_namespace(namespace_values(inputs),
                                  "Terraform, Azure Verified Module " + call.source, environment,
                                  call.location));
  }

  Model& model_;
  std::vector<EventHubNamespace>& out_;
  std::map<std::string, TfModule> modules_;
  std::vector<FileId> var_files_;
  std::map<FileId, VarValues> var_values_;
  std::set<FileId> reported_;
  ModuleWalk::Reported walk_reported_;
};

}  // namespace

void add_terraform_namespaces(Model& model, std::vector<EventHubNamespace>& out) {
  TerraformDeployments(model, out).run();
}

}  // namespace seldon_lint::iac
