// What helmfile's Go templates see (helmfile_templates.hpp).
#include "linter/model/sources/helmfile_templates.hpp"

#include "linter/base/repo_path.hpp"
#include "linter/base/text.hpp"

namespace seldon_lint::helmfile {

using gotemplate::EvalError;
using gotemplate::Map;
using gotemplate::UnsupportedError;
using gotemplate::Value;
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

Value state_data(const std::string& env, const Value& values) {
  Map environment;
  environment.emplace("Name", Value::string(env));
  environment.emplace("KubeContext", Value::string(""));
  environment.emplace("Values", values);  // deprecated spelling of .Values
  Map root;
  root.emplace("Environment", Value::map(std::move(environment)));
  root.emplace("Values", values);
  root.emplace("StateValues", values);  // an alias of .Values
  root.emplace("Namespace", Value::string(""));
  return Value::map(std::move(root));
}

// A release's `.gotmpl` value file also sees .Release, .Chart and .Namespace.
Value release_data(const std::string& env, const Value& values, const ReleaseInfo& info) {
  Value data = state_data(env, values);
  Map release;
  release.emplace("Name", Value::string(info.name));
  release.emplace("Namespace", Value::string(info.namespace_name));
  release.emplace("Labels", Value::map());
  release.emplace("Chart", Value::string(info.chart));
  release.emplace("KubeContext", Value::string(""));
  Map& root = data.as_map();
  root.insert_or_assign("Release", Value::map(std::move(release)));
  root.insert_or_assign("Chart", Value::string(info.chart));
  root.insert_or_assign("Namespace", Value::string(info.namespace_name));
  root.insert_or_assign("KubeContext", Value::string(""));
  return data;
}

namespace {

// helmfile's `get "a.b" [default] obj` (it replaces Sprig's get) and
// `getOrNil "a.b" obj`: a dotted path into nested maps.
Value get_path(const std::vector<Value>& args, bool or_nil) {
  size_t n = args.size();
  if (or_nil ? n != 2 : (n != 2 && n != 3))
    throw EvalError(std::string(or_nil ? "getOrNil" : "get") + ": wrong number of arguments");
  if (!args[0].is_string()) throw EvalError("get: the path must be a string");
  bool has_default = !or_nil && n == 3;
  Value current = args[n - 1];
  if (args[0].as_string().empty()) return current;
  for (std::string_view key : split(args[0].as_string(), '.')) {
    bool found = false;
    if (current.is_map()) {
      auto it = current.as_map().find(key);
      if (it != current.as_map().end()) {
        current = it->second;
        found = true;
      }
    }
    if (found) continue;
    if (has_default) return args[1];
    if (or_nil) return Value();
    throw EvalError("no value exist for key \"" + std::string(key) + "\"");
  }
  return current;
}

std::string first_string(const std::vector<Value>& args) {
  return !args.empty() && args[0].is_string() ? " \"" + args[0].as_string() + "\"" : "";
}

gotemplate::ExtraFunction refuse(const std::string& name, const std::string& why) {
  return [name, why](const std::vector<Value>& args) -> Value {
    throw UnsupportedError(name + first_string(args) + " (" + why + ")");
  };
}

}  // namespace

// helmfile's own functions.  `pre_render` is helmfile's first pass, used here
// only to find the environment names: side effects return nothing there.
TemplateSetup helmfile_functions(const SourceContext& ctx, const std::string& helmfile_path,
                                 bool pre_render) {
  return [&ctx, helmfile_path, pre_render](gotemplate::TemplateSet& set) {
    set.set_missing_key_error(!pre_render);
    set.add_function("get", [](const std::vector<Value>& a) { return get_path(a, false); });
    set.add_function("getOrNil", [](const std::vector<Value>& a) { return get_path(a, true); });
    if (pre_render) {
      auto nothing = [](const std::vector<Value>&) { return Value::string(""); };
      for (const char* name : {"env", "requiredEnv", "exec", "envExec", "readFile",
                               "fetchSecretValue", "expandSecretRefs"})
        set.add_function(name, nothing);
      return;
    }
    const char* env_unknown = "environment variables are unknown to the linter";
    set.add_function("env", refuse("env", env_unknown));
    set.add_function("requiredEnv", refuse("requiredEnv", env_unknown));
    set.add_function("exec", refuse("exec", "runs a command"));
    set.add_function("envExec", refuse("envExec", "runs a command"));
    set.add_function("readDir", refuse("readDir", "not supported"));
    set.add_function("readDirEntries", refuse("readDirEntries", "not supported"));
    set.add_function("fetchSecretValue", refuse("fetchSecretValue", "reads a remote secret"));
    set.add_function("expandSecretRefs", refuse("expandSecretRefs", "reads remote secrets"));
    set.add_function("readFile", [&ctx, helmfile_path](const std::vector<Value>& args) {
      if (args.size() != 1 || !args[0].is_string()) throw EvalError("readFile: wrong arguments");
      auto file = ctx.file_at(resolve_relative(helmfile_path, args[0].as_string()));
      if (!file || ctx.model.files[*file].text.empty())
        throw UnsupportedError("readFile" + first_string(args) +
                               " (not a file of the repository the linter reads)");
      return Value::string(ctx.model.files[*file].text);
    });
    set.add_function("isFile", [&ctx, helmfile_path](const std::vector<Value>& args) {
      if (args.size() != 1 || !args[0].is_string()) throw EvalError("isFile: wrong arguments");
      if (ctx.file_at(resolve_relative(helmfile_path, args[0].as_string())))
        return Value::boolean(true);
      throw UnsupportedError("isFile" + first_string(args) +
                             " (not a file of the repository the linter reads)");
    });
  };
}

// The first map document of a rendered `.gotmpl` file, kept alive by the model.
const Node* first_map(SourceContext& ctx, TextRender& rendered) {
  for (auto& doc : rendered.documents)
    if (doc.root.is_map()) return ctx.own(std::move(doc.root));
  return nullptr;
}

}  // namespace seldon_lint::helmfile
