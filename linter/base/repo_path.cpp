#include "linter/base/repo_path.hpp"

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

// The folder a path is in, as a view: "a/b" for "a/b/c.yaml"; "" at the root.
std::string_view folder_view_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// The name of the folder a path is in: "helmfile.d" for "a/helmfile.d/x.yaml".
std::string_view parent_folder_name(std::string_view path) {
  return file_name_of(folder_view_of(path));
}

}  // namespace

bool is_kustomization_path(std::string_view path) {
  std::string_view name = file_name_of(path);
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

std::string folder_of(std::string_view path) {
  return std::string(folder_view_of(path));
}

std::string_view file_name_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

namespace {

// Appends the segments of `path` to `joined`, resolving "." and ".." in place
// (a ".." drops the last segment).  No list of segments: joining runs once per
// kustomization entry and value file, and the lists' allocations were most of
// the kustomize layout's.
bool append_segments(std::string_view path, std::string& joined) {
  size_t begin = 0;
  while (begin <= path.size()) {
    size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(begin, end - begin);
    begin = end + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (joined.empty()) return false;
      size_t last = joined.rfind('/');
      joined.resize(last == std::string::npos ? 0 : last);
    } else {
      if (!joined.empty()) joined += '/';
      joined += segment;
    }
  }
  return true;
}

}  // namespace

bool join_path(std::string_view folder, std::string_view relative, std::string& out) {
  std::string joined;  // not `out`: either argument may be a view of it
  joined.reserve(folder.size() + relative.size() + 1);
  if (!append_segments(folder, joined) || !append_segments(relative, joined)) return false;
  out = std::move(joined);
  return true;
}

std::string resolve_relative(const std::string& from, const std::string& reference) {
  if (reference.find("://") != std::string::npos || starts_with(reference, "github.com/") ||
      starts_with(reference, "/")) {
    return {};
  }
  std::string out;
  return join_path(folder_view_of(from), reference, out) ? out : std::string();
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
