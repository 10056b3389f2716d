// ARM deployments: each ARM parameter file with the template it belongs to,
// and each template with no parameter file with its defaults.
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "linter/base/text.hpp"
#include "linter/model/iac/iac_common.hpp"

namespace seldon_lint::iac {

bool is_arm_parameter_file(const SourceFile& file) {
  return file.kind == FileKind::ArmJson && is_arm_parameters_text(file.text);
}

namespace {

bool is_template(const SourceFile& file) {
  if (file.kind == FileKind::ArmJson) return is_arm_template_text(file.text);
  return file.kind == FileKind::Bicep && ends_with(file.path, ".bicep");
}

// `azuredeploy.parameters.prod.json` → "azuredeploy"; "" when the name has no
// `.parameters` part or starts with it.
std::string template_stem(std::string_view name) {
  size_t at = name.find(".parameters");
  return at == std::string_view::npos ? std::string() : std::string(name.substr(0, at));
}

}  // namespace

std::vector<ParameterFile> arm_parameter_files(const Model& model) {
  std::map<std::string, FileId> templates;  // path → file
  std::map<std::string, std::vector<FileId>> by_folder;
  for (FileId id = 0; id < model.files.size(); ++id) {
    const SourceFile& file = model.files[id];
    if (file.text.empty() || !is_template(file)) continue;
    templates[file.path] = id;
    by_folder[folder_of(file.path)].push_back(id);
  }
  std::vector<ParameterFile> out;
  for (FileId id = 0; id < model.files.size(); ++id) {
    const SourceFile& file = model.files[id];
    if (!is_arm_parameter_file(file)) continue;
    std::string folder = folder_of(file.path);
    std::string stem = template_stem(file_name_of(file.path));
    std::string prefix = folder.empty() ? stem : fmt::format("{}/{}", folder, stem);
    auto json = templates.find(prefix + ".json");
    auto bicep = templates.find(prefix + ".bicep");
    if (!stem.empty() && json != templates.end()) {
      out.push_back({id, json->second});
    } else if (!stem.empty() && bicep != templates.end()) {
      out.push_back({id, bicep->second});
    } else if (auto it = by_folder.find(folder); it != by_folder.end() && it->second.size() == 1) {
      out.push_back({id, it->second.front()});
    }
  }
  return out;
}

void add_arm_namespaces(Model& model, std::vector<EventHubNamespace>& out) {
  std::map<FileId, bool> has_parameters;
  for (const ParameterFile& p : arm_parameter_files(model)) {
    const SourceFile& tmpl = model.files[p.template_file];
    if (tmpl.kind != FileKind::ArmJson) continue;  // Bicep: bicep_deployments.cpp
    has_parameters[p.template_file] = true;
    if (!mentions_eventhub_namespace(tmpl)) continue;
    const SourceFile& file = model.files[p.file];
    IacInputs inputs;
    if (!read_arm_parameters(file, p.file, inputs)) {
      model.problems.push_back(
          InputProblem{"SL001", Location{p.file, Range{Position{1, 1, 0}, Position{1, 1, 0}}},
                       "ARM parameter file is not valid JSON; the deployment of " + tmpl.path +
                           " with it is not linted"});
      continue;
    }
    size_t first = out.size();
    read_arm_eventhub_namespaces(tmpl, p.template_file, &inputs, out);
    std::string environment = deployment_environment(file, true);
    for (size_t i = first; i < out.size(); ++i) out[i].environment = environment;
  }
  for (FileId id = 0; id < model.files.size(); ++id) {
    const SourceFile& file = model.files[id];
    if (file.kind != FileKind::ArmJson || has_parameters.count(id) > 0 ||
        !is_arm_template_text(file.text)) {
      continue;
    }
    read_arm_eventhub_namespaces(file, id, nullptr, out);
  }
}

}  // namespace seldon_lint::iac
