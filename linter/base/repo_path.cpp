#include "linter/base/repo_path.hpp"

#include <vector>

#include "linter/base/text.hpp"

namespace seldon_lint {

bool is_kustomization_path(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') + 1);
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

std::string folder_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string resolve_relative(const std::string& from, const std::string& reference) {
  if (reference.find("://") != std::string::npos || starts_with(reference, "github.com/") ||
      starts_with(reference, "/")) {
    return {};
  }
  std::vector<std::string> parts;
  const std::string folder = folder_of(from);  // split() returns views into it
  for (auto part : split(folder, '/')) {
    if (!part.empty()) parts.emplace_back(part);
  }
  for (auto part : split(reference, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return {};
      parts.pop_back();
    } else {
      parts.emplace_back(part);
    }
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string normalise_root_path(const std::string& path) {
  if (path.find("://") != std::string::npos) return "\x01";
  std::vector<std::string> parts;
  for (auto part : split(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return "\x01";
      parts.pop_back();
    } else {
      parts.emplace_back(part);
    }
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

bool is_helmfile_path(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') + 1);
  if (name == "helmfile.yaml" || name == "helmfile.yml") return true;
  std::string folder = folder_of(path);
  std::string_view parent = std::string_view(folder).substr(folder.rfind('/') + 1);
  return parent == "helmfile.d" && (ends_with(name, ".yaml") || ends_with(name, ".yml"));
}

bool is_helmfile_template_path(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') + 1);
  if (name == "helmfile.yaml.gotmpl" || name == "helmfile.yml.gotmpl") return true;
  std::string folder = folder_of(path);
  std::string_view parent = std::string_view(folder).substr(folder.rfind('/') + 1);
  return parent == "helmfile.d" &&
         (ends_with(name, ".yaml.gotmpl") || ends_with(name, ".yml.gotmpl"));
}

}  // namespace seldon_lint
