// Bicep deployments: each `.bicepparam` file (`using '<template>'` + `param x =
// value`) and each ARM JSON parameter file beside a template is one deployment
// of that template; a template with no parameters file that no other template
// calls as a module is one deployment with its defaults.  Module
// declarations pass `params` to local modules (followed, bounded) and to the
// registry module `br/public:avm/res/event-hub/namespace`, whose defaults are
// known (skuName Standard, skuCapacity 1, disableLocalAuth true).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/model/iac/iac_common.hpp"

namespace seldon_lint::iac {
namespace {

using VKind = IacValue::Kind;

bool is_registry_reference(std::string_view path) {
  return starts_with(path, "br:") || starts_with(path, "br/") || starts_with(path, "ts:") ||
         starts_with(path, "ts/");
}

// `br/public:avm/res/event-hub/namespace:<version>` or the same module through
// `br:mcr.microsoft.com/bicep/avm/res/event-hub/namespace:<version>`.
bool is_avm_eventhub_namespace(std::string_view path) {
  return starts_with(path, "br") && contains_icase(path, "avm/res/event-hub/namespace:");
}

struct Template {
  FileId file = 0;
  bool mentions = false;
  bool parsed = false;
  bool called = false;
  bool has_parameter_file = false;
  BicepFileSyntax syntax;
};

class BicepDeployments {
 public:
  BicepDeployments(Model& model, std::vector<EventHubNamespace>& out) : model_(model), out_(out) {}

  void run() {
    for (FileId id = 0; id < model_.files.size(); ++id) {
      const SourceFile& file = model_.files[id];
      if (file.kind != FileKind::Bicep || file.text.empty()) continue;
      if (ends_with(file.path, ".bicepparam")) {
        parameter_files_.push_back(id);
      } else if (ends_with(file.path, ".bicep")) {
        Template& t = templates_[file.path];
        t.file = id;
        t.mentions = mentions_eventhub_namespace(file);
      }
    }
    for (auto& [path, t] : templates_) {
      if (t.mentions || model_.files[t.file].text.find("module") != std::string::npos) parse(t);
    }
    mark_called();
    for (FileId id : parameter_files_) deploy_bicepparam(id);
    for (const ParameterFile& p : arm_parameter_files(model_)) deploy_json_parameters(p);
    for (auto& [path, t] : templates_) {
      if (!t.called && !t.has_parameter_file) deploy_defaults(t);
    }
    deploy_unrooted_cycles();
  }

 private:
  void parse(Template& t) {
    if (t.parsed) return;
    t.parsed = true;
    t.syntax = parse_bicep(model_.files[t.file], t.file);
    if (!t.syntax.limit_message.empty()) {
      model_.problems.push_back(
          InputProblem{"SL002", Location{t.file, Range{Position{1, 1, 0}, Position{1, 1, 0}}},
                       "not read: " + t.syntax.limit_message});
    }
  }

  Template* module_target(const Template& caller, const BicepDeclaration& module) {
    if (is_registry_reference(module.path)) return nullptr;
    std::string path;
    if (!join_path(folder_of(model_.files[caller.file].path), module.path, path)) return nullptr;
    auto it = templates_.find(path);
    if (it == templates_.end()) return nullptr;
    parse(it->second);
    return &it->second;
  }

  // A template calling itself is still deployed on its own (its walk
  // reports the self-call as a cycle).
  void mark_called() {
    for (auto& [path, t] : templates_) {
      if (!t.parsed) continue;
      for (const auto& module : t.syntax.modules) {
        Template* target = module_target(t, module);
        if (target != nullptr && target != &t) target->called = true;
      }
    }
  }

  // A template deployed with its parameters' defaults (no parameters file).
  void deploy_defaults(Template& t) {
    std::set<std::string> visiting;
    if (!matters(t, visiting, 0)) return;
    const SourceFile& file = model_.files[t.file];
    Instance in{t, {}, Location{}, file.environment};
    ModuleWalk walk(model_, walk_reported_, file.path);
    evaluate_template(in, walk);
  }

  // Templates only called from inside a cycle (a.bicep <-> b.bicep, neither
  // deployed on its own): one template of each such cycle is deployed with
  // its defaults, so that the call closing the cycle is SL002.
  void deploy_unrooted_cycles() {
    std::vector<Template*> templates;
    for (auto& [path, t] : templates_) templates.push_back(&t);
    auto is_root = [](const Template& t) { return !t.called || t.has_parameter_file; };
    auto callees_of = [this](Template& t) {
      std::vector<Template*> targets;
      if (!t.parsed) return targets;
      for (const auto& module : t.syntax.modules) {
        if (Template* target = module_target(t, module)) targets.push_back(target);
      }
      return targets;
    };
    for (Template* entry : unrooted_cycle_entries(templates, is_root, callees_of))
      deploy_defaults(*entry);
  }

  bool matters(Template& t, std::set<std::string>& visiting, int depth) {
    if (t.mentions) return true;
    if (!t.parsed || depth > kMaxModuleDepth ||
        !visiting.insert(model_.files[t.file].path).second) {
      return false;
    }
    for (const auto& module : t.syntax.modules) {
      Template* target = module_target(t, module);
      if (target != nullptr && matters(*target, visiting, depth + 1)) return true;
    }
    return false;
  }

  Template* template_at(const std::string& path) {
    auto it = templates_.find(path);
    if (it == templates_.end()) return nullptr;
    parse(it->second);
    return &it->second;
  }

  // ---- deployments -------------------------------------------------------
  void deploy_bicepparam(FileId id) {
    const SourceFile& file = model_.files[id];
    BicepFileSyntax params = parse_bicep(file, id);
    if (!params.has_using || params.using_path.empty()) return;  // `using none`, computed
    std::string path;
    if (!join_path(folder_of(file.path), params.using_path, path)) return;
    Template* t = template_at(path);
    if (t == nullptr) return;
    t->has_parameter_file = true;
    std::set<std::string> visiting;
    if (!matters(*t, visiting, 0)) return;
    // `param x = value` may use the file's own `var`s.
    std::map<std::string, const IacExpr*> variables;
    for (const auto& [name, expr] : params.variables) variables.emplace(name, &expr);
    std::set<std::string> evaluating;
    IacResolver resolve = [&](const IacExpr& ref, int depth) -> IacValue {
      auto it = variables.find(ref.text);
      if (it == variables.end() || !evaluating.insert(ref.text).second) {
        return IacValue::unknown(ref.location);
      }
      IacValue v = evaluate(*it->second, resolve, depth);
      evaluating.erase(ref.text);
      return v;
    };
    std::map<std::string, IacValue> inputs;
    for (const auto& p : params.parameters) {
      if (p.has_default) inputs[p.name] = evaluate(p.value, resolve);
    }
    Instance in{*t, std::move(inputs), Location{}, deployment_environment(file, true)};
    ModuleWalk walk(model_, walk_reported_, model_.files[t->file].path);
    evaluate_template(in, walk);
  }

  void deploy_json_parameters(const ParameterFile& p) {
    const SourceFile& tmpl = model_.files[p.template_file];
    if (tmpl.kind != FileKind::Bicep) return;  // ARM templates: arm_deployments.cpp
    Template* t = template_at(tmpl.path);
    if (t == nullptr) return;
    t->has_parameter_file = true;
    std::set<std::string> visiting;
    if (!matters(*t, visiting, 0)) return;
    IacInputs inputs;
    const SourceFile& file = model_.files[p.file];
    if (!read_arm_parameters(file, p.file, inputs)) return;
    Instance in{*t, {inputs.begin(), inputs.end()}, Location{}, deployment_environment(file, true)};
    ModuleWalk walk(model_, walk_reported_, model_.files[t->file].path);
    evaluate_template(in, walk);
  }

  // ---- evaluation of one template instance -------------------------------
  struct Instance {
    Template& t;
    std::map<std::string, IacValue> inputs;  // from a parameters file or module params
    Location call;                           // the module declaration; unknown for a root
    std::string environment;
    bool inputs_unknown = false;  // `params:` computed as a whole
    std::map<std::string, IacValue> variables{};
    std::set<std::string> evaluating{};
  };

  IacValue resolve(Instance& in, const IacExpr& ref, int depth) {
    const BicepFileSyntax& syntax = in.t.syntax;
    for (const auto& p : syntax.parameters) {
      if (p.name != ref.text) continue;
      if (in.inputs_unknown) return IacValue::unknown(ref.location);
      if (auto it = in.inputs.find(p.name); it != in.inputs.end()) return it->second;
      if (!p.has_default) return IacValue::unknown(ref.location);
      IacValue v = evaluate(p.value, resolver(in), depth);
      if (in.call.known()) relocate(v, in.call);  // only the module's default
      return v;
    }
    for (const auto& [name, expr] : syntax.variables) {
      if (name != ref.text) continue;
      if (auto done = in.variables.find(name); done != in.variables.end()) return done->second;
      if (!in.evaluating.insert(name).second) return IacValue::unknown(ref.location);
      IacValue v = evaluate(expr, resolver(in), depth);
      in.evaluating.erase(name);
      in.variables[name] = v;
      return v;
    }
    return IacValue::unknown(ref.location);  // resources, outputs of modules, loop variables
  }

  static void relocate(IacValue& value, Location where) {
    value.origin = where;
    for (auto& m : value.members) relocate(m.value, where);
    for (auto& item : value.items) relocate(item, where);
  }

  IacResolver resolver(Instance& in) {
    return [this, &in](const IacExpr& ref, int depth) { return resolve(in, ref, depth); };
  }

  // `if (false)`, or a condition the linter cannot evaluate: the declaration
  // may not be deployed, so nothing is said about it.
  static bool skipped(const BicepDeclaration& d, const IacResolver& r) {
    if (!d.has_condition) return false;
    IacValue condition = evaluate(d.condition, r);
    return condition.kind != VKind::Bool || condition.text != "true";
  }

  // The loop variable's values of a `[for x in items: ...]` declaration: one
  // per item of a known array; otherwise one unknown (the body is judged once).
  static std::vector<IacValue> loop_values(const BicepDeclaration& d, const IacResolver& r) {
    if (!d.loop) return {IacValue::unknown(d.location)};
    IacValue items = evaluate(d.loop_items, r);
    if (items.kind == VKind::Tuple && !d.loop_variable.empty()) return items.items;
    if (items.kind == VKind::Tuple && items.items.empty()) return {};
    return {IacValue::unknown(d.location)};
  }

  // Each instance of `d` with its loop variable bound.
  template <typename Visit>
  static void for_each_instance(const BicepDeclaration& d, const IacResolver& r, Visit&& visit) {
    for (const IacValue& item : loop_values(d, r)) {
      IacResolver bound = [&](const IacExpr& ref, int depth) {
        return d.loop && ref.text == d.loop_variable ? item : r(ref, depth);
      };
      if (!skipped(d, bound)) visit(bound);
    }
  }

  void evaluate_template(Instance& in, ModuleWalk& walk) {
    if (!in.t.parsed) return;
    IacResolver r = resolver(in);
    for (const auto& resource : in.t.syntax.namespaces) {
      for_each_instance(resource, r, [&](const IacResolver& bound) {
        add_resource(resource, bound, in.environment);
      });
    }
    for (const auto& module : in.t.syntax.modules) {
      for_each_instance(module, r,
                        [&](const IacResolver& bound) { call_module(in, module, bound, walk); });
    }
  }

  void add_resource(const BicepDeclaration& resource, const IacResolver& r,
                    const std::string& environment) {
    IacValue body = evaluate(resource.body, r);
    const IacValue* sku = body.member("sku");
    const IacValue* properties = body.member("properties");
    NamespaceValues v;
    v.name = body.member("name");
    v.sku = sku == nullptr ? nullptr : sku->kind == VKind::Object ? sku->member("name") : sku;
    v.capacity = sku != nullptr ? sku->member("capacity") : nullptr;
    IacValue computed_properties;
    if (properties != nullptr && properties->kind == VKind::Object) {
      v.local_auth_disabled = properties->member("disableLocalAuth");
      v.dedicated_cluster = properties->member("clusterArmId");
    } else if (properties != nullptr && !properties->is_null()) {
      computed_properties = IacValue::unknown(properties->origin);
      v.local_auth_disabled = &computed_properties;
    }
    out_.push_back(make_namespace(v, "Bicep", environment, resource.location));
  }

  void call_module(Instance& in, const BicepDeclaration& module, const IacResolver& r,
                   ModuleWalk& walk) {
    IacValue body = evaluate(module.body, r);
    const IacValue* params = body.member("params");
    std::map<std::string, IacValue> inputs;
    bool inputs_unknown = params != nullptr && params->kind != VKind::Object && !params->is_null();
    if (params != nullptr && params->kind == VKind::Object) {
      for (const auto& [key, value] : params->members) inputs[key] = value;
    }
    if (is_avm_eventhub_namespace(module.path)) {
      if (!inputs_unknown) verified_module(module, std::move(inputs), in.environment);
    } else if (Template* target = module_target(in.t, module);
               target != nullptr && walk.enter(model_.files[target->file].path, module.location)) {
      Instance child{*target, std::move(inputs), module.location, in.environment};
      child.inputs_unknown = inputs_unknown;
      evaluate_template(child, walk);
      walk.leave();
    }
  }

  // `br/public:avm/res/event-hub/namespace`: skuName 'Standard', skuCapacity 1
  // and disableLocalAuth true unless the module's params say otherwise.
  void verified_module(const BicepDeclaration& module, std::map<std::string, IacValue> inputs,
                       const std::string& environment) {
    inputs.emplace("skuName", default_at(VKind::String, "Standard", module.location));
    inputs.emplace("skuCapacity", default_at(VKind::Number, "1", module.location));
    inputs.emplace("disableLocalAuth", default_at(VKind::Bool, "true", module.location));
    NamespaceValues v;
    v.name = &inputs["name"];
    v.sku = &inputs["skuName"];
    v.capacity = &inputs["skuCapacity"];
    v.local_auth_disabled = &inputs["disableLocalAuth"];
    out_.push_back(make_namespace(v, "Bicep, Azure Verified Module " + module.path, environment,
                                  module.location));
  }

  Model& model_;
  std::vector<EventHubNamespace>& out_;
  std::map<std::string, Template> templates_;
  std::vector<FileId> parameter_files_;
  ModuleWalk::Reported walk_reported_;
};

}  // namespace

void add_bicep_namespaces(Model& model, std::vector<EventHubNamespace>& out) {
  BicepDeployments(model, out).run();
}

}  // namespace seldon_lint::iac
