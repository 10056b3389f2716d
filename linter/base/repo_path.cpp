#include "linter/base/repo_path.hpp"

#include <vector>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

// The name of the folder a path is in: "helmfile.d" for "a/helmfile.d/x.yaml".
std::string_view parent_folder_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : file_name_of(path.substr(0, slash));
}

}  // namespace

bool is_kustomization_path(std::string_view path) {
  std::string_view name = file_name_of(path);
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

std::string folder_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string_view file_name_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool join_path(std::string_view folder, std::string_view relative, std::string& out) {
  std::vector<std::string_view> parts;
  auto push = [&](std::string_view path) {
    for (std::string_view segment : split(path, '/')) {
      if (segment.empty() || segment == ".") continue;
      if (segment == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else {
        parts.push_back(segment);
      }
    }
    return true;
  };
  if (!push(folder) || !push(relative)) return false;
  out.clear();
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return true;
}

std::string resolve_relative(const std::string& from, const std::string& reference) {
  if (reference.find("://") != std::string::npos || starts_with(reference, "github.com/") ||
      starts_with(reference, "/")) {
    return {};
  }
  std::string out;
  return join_path(folder_of(from), reference, out) ? out : std::string();
}

std::string normalise_root_path(const std::string& path) {
  std::string out;
  if (path.find("://") != std::string::npos || !join_path("", path, out)) return "\x01";
  return out;
}

bool is_helmfile_path(std::string_view path) {
  std::string_view name = file_name_of(path);
  if (name == "helmfile.yaml" || name == "helmfile.yml") return true;
  return parent_folder_name(path) == "helmfile.d" &&
         (ends_with(name, ".yaml") || ends_with(name, ".yml"));
}

bool is_helmfile_template_path(std::string_view path) {
  std::string_view name = file_name_of(path);
  if (name == "helmfile.yaml.gotmpl" || name == "helmfile.yml.gotmpl") return true;
  return parent_folder_name(path) == "helmfile.d" &&
         (ends_with(name, ".yaml.gotmpl") || ends_with(name, ".yml.gotmpl"));
}

}  // namespace seldon_lint
