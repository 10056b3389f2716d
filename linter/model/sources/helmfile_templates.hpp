// What helmfile's Go templates see (helmfile.cpp renders with them): the
// .Environment/.Values data, a release's .Release/.Chart for `.gotmpl` value
// files, and helmfile's own functions (`get`, `readFile`...; environment
// variables and commands are unknown to the linter).
#pragma once

#include <string>

#include "linter/model/sources/source_context.hpp"

namespace seldon_lint::helmfile {

// Replaces `{{ .Environment.Name }}` in a plain helmfile.yaml value (helmfile
// 0.x rendered these) by `env`.
std::string expand_environment(std::string text, const std::string& env);
bool mentions_environment(const std::string& s);

// The data of a helmfile template rendered for environment `env`.
gotemplate::Value state_data(const std::string& env, const gotemplate::Value& values);

struct ReleaseInfo {
  std::string name, namespace_name, chart;
};

// A release's `.gotmpl` value file also sees .Release, .Chart and .Namespace.
gotemplate::Value release_data(const std::string& env, const gotemplate::Value& values,
                               const ReleaseInfo& info);

// helmfile's own functions.  `pre_render` is helmfile's first pass, used here
// only to find the environment names: side effects return nothing there.
TemplateSetup helmfile_functions(const SourceContext& ctx, const std::string& helmfile_path,
                                 bool pre_render);

// The first map document of a rendered `.gotmpl` file, kept alive by the model.
const yaml::Node* first_map(SourceContext& ctx, TextRender& rendered);

}  // namespace seldon_lint::helmfile
