// Paths relative to the repository root ('/' separators, "" = the root) and
// the file names that make a file a kustomization or a helmfile.
#pragma once

#include <string>
#include <string_view>

namespace seldon_lint {

// Joins a relative reference to the folder of `from` ("a/b/kustomization.yaml",
// "../base" → "a/base"); empty when it leaves the root or is a remote URL.
std::string resolve_relative(const std::string& from, const std::string& reference);

// Normalises a path relative to the root ("./apps/prod/" → "apps/prod"); empty
// for the root itself; "\x01" when it leaves the root or is a URL.
std::string normalise_root_path(const std::string& path);

// "a/b/c.yaml" → "a/b"; "" for a file at the root.
std::string folder_of(std::string_view path);
// "a/b/c.yaml" → "c.yaml".
std::string_view file_name_of(std::string_view path);
// `relative` joined to `folder` with "." and ".." resolved; false when it
// leaves the repository root.
bool join_path(std::string_view folder, std::string_view relative, std::string& out);

bool is_kustomization_path(std::string_view path);
// `helmfile.yaml`, `helmfile.yml`, or a YAML file in a `helmfile.d` folder.
bool is_helmfile_path(std::string_view path);
// helmfile.yaml.gotmpl, helmfile.d/*.yaml.gotmpl: a helmfile rendered as a Go template.
bool is_helmfile_template_path(std::string_view path);

}  // namespace seldon_lint
