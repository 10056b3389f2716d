#include "linter/discovery.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "linter/glob.hpp"
#include "linter/text.hpp"

namespace fs = std::filesystem;

namespace seldon_lint {
namespace {

bool kind_of(const std::string& name, FileKind& kind) {
  if (ends_with(name, ".yaml") || ends_with(name, ".yml")) {
    kind = FileKind::Yaml;
  } else if (ends_with(name, ".tf")) {
    kind = FileKind::Terraform;
  } else if (ends_with(name, ".bicep")) {
    kind = FileKind::Bicep;
  } else if (ends_with(name, ".json")) {
    kind = FileKind::ArmJson;  // confirmed by content when read
  } else {
    return false;
  }
  return true;
}

class Walker {
 public:
  Walker(const DiscoveryOptions& options, std::vector<DiscoveredFile>& out)
      : options_(options), out_(out) {
    std::error_code ec;
    canonical_root_ = fs::weakly_canonical(options.root, ec).string();
  }

  void walk_path(const std::string& path) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec) {
      add_problem(path, "cannot be read: " + ec.message());
      return;
    }
    if (fs::is_directory(status)) {
      walk_directory(path, 0);
    } else {
      consider_file(path, /*explicit_file=*/true);
    }
  }

 private:
  bool ignored(const std::string& relative) const {
    for (const auto& glob : options_.ignore) {
      if (glob_match(glob, relative)) return true;
    }
    return false;
  }

  bool inside_root(const fs::path& target) const {
    std::error_code ec;
    std::string canonical = fs::weakly_canonical(target, ec).string();
    if (ec) return false;
    return canonical == canonical_root_ || starts_with(canonical, canonical_root_ + "/");
  }

  void add_problem(const std::string& path, const std::string& problem) {
    DiscoveredFile file;
    file.absolute = path;
    file.relative = relative_to(options_.root, path);
    file.problem = problem;
    kind_of(file.relative, file.kind);
    out_.push_back(std::move(file));
  }

  void consider_file(const std::string& path, bool explicit_file) {
    std::string relative = relative_to(options_.root, path);
    FileKind kind;
    if (!kind_of(relative, kind)) return;
    if (!explicit_file && ignored(relative)) return;
    DiscoveredFile file;
    file.absolute = path;
    file.relative = relative;
    file.kind = kind;
    out_.push_back(std::move(file));
  }

  void walk_directory(const std::string& dir, int depth) {
    if (depth > 64) return;
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return;
    auto id = std::make_pair(st.st_dev, st.st_ino);
    if (!visited_.insert(id).second) return;  // a loop through symlinks

    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    bool chart_dir = std::any_of(entries.begin(), entries.end(),
                                 [](const auto& e) { return e.path().filename() == "Chart.yaml"; });
    for (const auto& entry : entries) {
      std::string name = entry.path().filename().string();
      std::string path = entry.path().string();
      std::error_code link_ec;
      bool is_link = entry.is_symlink(link_ec);
      if (is_link) {
        std::error_code status_ec;
        auto target_status = fs::status(entry.path(), status_ec);
        if (status_ec) {
          // Dangling link or a loop (ELOOP): report loops, skip the rest.
          if (status_ec == std::errc::too_many_symbolic_link_levels) {
            FileKind kind;
            if (kind_of(name, kind)) add_problem(path, "symbolic link loop");
          }
          continue;
        }
        if (!inside_root(entry.path())) continue;  // never follow links out of the root
        if (fs::is_directory(target_status)) {
          if (!skip_directory(name, path, chart_dir)) walk_directory(path, depth + 1);
        } else if (fs::is_regular_file(target_status)) {
          consider_file(path, false);
        }
        continue;
      }
      std::error_code type_ec;
      if (entry.is_directory(type_ec)) {
        if (!skip_directory(name, path, chart_dir)) walk_directory(path, depth + 1);
      } else if (entry.is_regular_file(type_ec)) {
        consider_file(path, false);
      }
    }
  }

  bool skip_directory(const std::string& name, const std::string& path, bool chart_dir) const {
    if (name == ".git") return true;
    if (chart_dir && (name == "templates" || name == "crds")) return true;  // Go templates
    std::string relative = relative_to(options_.root, path);
    return ignored(relative) || ignored(relative + "/");
  }

  const DiscoveryOptions& options_;
  std::vector<DiscoveredFile>& out_;
  std::string canonical_root_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

std::string relative_to(const std::string& root, const std::string& path) {
  std::error_code ec;
  fs::path rel =
      fs::path(path).lexically_normal().lexically_relative(fs::path(root).lexically_normal());
  std::string out = rel.generic_string();
  if (out == ".") return "";
  if (out.empty()) return fs::path(path).generic_string();
  return out;
}

std::vector<DiscoveredFile> discover_files(const DiscoveryOptions& options) {
  std::vector<DiscoveredFile> files;
  Walker walker(options, files);
  for (const auto& path : options.paths) walker.walk_path(path);
  std::sort(files.begin(), files.end(), [](const DiscoveredFile& a, const DiscoveredFile& b) {
    return a.relative < b.relative;
  });
  files.erase(std::unique(files.begin(), files.end(),
                          [](const DiscoveredFile& a, const DiscoveredFile& b) {
                            return a.relative == b.relative;
                          }),
              files.end());
  return files;
}

}  // namespace seldon_lint
