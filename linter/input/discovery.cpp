#include "linter/input/discovery.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <system_error>

#include "linter/base/glob.hpp"
#include "linter/base/text.hpp"
#include "linter/base/thread_pool.hpp"
#include "linter/input/gitignore.hpp"

namespace fs = std::filesystem;

namespace seldon_lint {
namespace {

bool kind_of(const std::string& name, FileKind& kind) {
  if (ends_with(name, ".yaml") || ends_with(name, ".yml")) {
    kind = FileKind::Yaml;
  } else if (ends_with(name, ".tf") || ends_with(name, ".tfvars") ||
             ends_with(name, ".tfvars.json")) {
    kind = FileKind::Terraform;  // .tfvars: variable definitions, same syntax
  } else if (ends_with(name, ".bicep") || ends_with(name, ".bicepparam")) {
    kind = FileKind::Bicep;  // .bicepparam: a Bicep parameters file
  } else if (ends_with(name, ".json")) {
    kind = FileKind::ArmJson;  // template or parameter file: confirmed by content when read
  } else if (ends_with(name, ".gotmpl")) {
    // helmfile.yaml.gotmpl and `.gotmpl` value files: Go templates, read as
    // text and rendered by the helmfile reader (no SL001 before rendering).
    kind = FileKind::HelmTemplate;
  } else {
    return false;
  }
  return true;
}

// What a path that is not a regular file is, for SL002 ("not a regular
// file (a FIFO)").  Such files are reported, never opened: a FIFO blocks the
// reader, a device like /dev/zero never ends.
std::string special_file_problem(mode_t mode, bool via_link = false) {
  const char* what = S_ISFIFO(mode)   ? "a FIFO"
                     : S_ISCHR(mode)  ? "a character device"
                     : S_ISBLK(mode)  ? "a block device"
                     : S_ISSOCK(mode) ? "a socket"
                                      : "not a file or folder";
  return std::string("not a regular file (") + (via_link ? "a symbolic link to " : "") + what +
         "), not read";
}

// A file of a chart's templates/ folder that helm renders into manifests or
// definitions (NOTES.txt is shown to the user, not applied).
bool is_chart_template(const std::string& name) {
  if (name == "NOTES.txt") return false;
  return ends_with(name, ".yaml") || ends_with(name, ".yml") || ends_with(name, ".tpl") ||
         ends_with(name, ".txt");
}

// Whether entry `a` of a folder sorts before entry `b` by the bytes of the
// paths they lead to: a folder's name counts as if it ended in '/'.
bool path_order_less(std::string_view a, bool a_folder, std::string_view b, bool b_folder) {
  size_t common = std::min(a.size(), b.size());
  int order = a.substr(0, common).compare(b.substr(0, common));
  if (order != 0) return order < 0;
  auto next = [common](std::string_view name, bool folder) -> int {
    if (common < name.size()) return static_cast<unsigned char>(name[common]);
    return folder ? '/' : -1;  // the name ends here: '/' follows a folder's
  };
  return next(a, a_folder) < next(b, b_folder);
}

// One folder to read: its path, its depth below the PATH, whether it is
// (inside) a chart's templates/ folder, and the .gitignore files in force in
// the folder that lists it.
struct FolderTask {
  std::string path;
  int depth = 0;
  bool in_templates = false;
  GitIgnoreScope scope;
};

// What reading one folder found.
struct FolderResult {
  std::vector<DiscoveredFile> files;
  std::vector<FolderTask> folders;  // real sub-folders, read next
  std::vector<FolderTask> links;    // sub-folders behind symbolic links, read last
};

// Walks the tree level by level, the folders of one level in parallel (each
// folder is one task: list, sort, classify).  Real folders cannot form a
// loop, so they need no stat and no visited set; folders behind symbolic
// links are read afterwards, one at a time, with a visited set of (device,
// inode), and skipped when they are a real folder already read.
class Walker {
 public:
  Walker(const DiscoveryOptions& options, std::vector<DiscoveredFile>& out)
      : options_(options), out_(out), gitignore_(options.root) {
    std::error_code ec;
    canonical_root_ = fs::weakly_canonical(options.root, ec).string();
  }

  void walk_path(const std::string& path) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec) {
      out_.push_back(problem_file(path, "cannot be read: " + ec.message()));
      return;
    }
    if (fs::is_directory(status)) {
      GitIgnoreScope above;
      if (options_.gitignore) above = gitignore_.above(relative_to(options_.root, path));
      walk_real_folders({FolderTask{path, 0, false, std::move(above)}});
    } else if (fs::is_regular_file(status)) {
      FolderResult result;
      consider_file(path, /*explicit_file=*/true, nullptr, result);
      append(result);
    } else {
      struct stat st {};
      if (::stat(path.c_str(), &st) == 0) {
        out_.push_back(problem_file(path, special_file_problem(st.st_mode)));
      }
    }
  }

  // Folders reached through symbolic links, once the real ones are done.
  void finish() {
    // Walk order, as a depth-first walk of sorted names would meet them.
    std::stable_sort(links_.begin(), links_.end(), [](const FolderTask& a, const FolderTask& b) {
      return split(a.path, '/') < split(b.path, '/');
    });
    // By index, not a range-for: walking appends to links_.
    for (size_t i = 0; i < links_.size(); ++i) {  // NOLINT(modernize-loop-convert)
      FolderTask link = links_[i];                // a copy, for the same reason
      std::error_code ec;
      std::string target = fs::weakly_canonical(link.path, ec).string();
      if (!ec && real_folders_.count(target) > 0) continue;  // read under its real path
      walk_linked_folder(link);
    }
    links_.clear();
  }

 private:
  void append(FolderResult& result) {
    for (auto& file : result.files) out_.push_back(std::move(file));
    for (auto& link : result.links) links_.push_back(std::move(link));
  }

  // The folders read at one depth: each task, what reading it found, and
  // where its sub-folders start among the next depth's tasks.
  struct Level {
    std::vector<FolderTask> tasks;
    std::vector<FolderResult> results;
    std::vector<size_t> first_child;
  };

  void walk_real_folders(std::vector<FolderTask> level) {
    std::vector<Level> levels;
    while (!level.empty()) {
      Level current;
      current.results.resize(level.size());
      auto failures = parallel_for(level.size(), options_.jobs, [&](size_t i, unsigned) {
        read_folder(level[i], current.results[i]);
      });
      for (const auto& failure : failures) {
        out_.push_back(problem_file(level[failure.index].path, "cannot be read: " + failure.what));
      }
      std::vector<FolderTask> next;
      current.first_child.resize(level.size());
      for (size_t i = 0; i < level.size(); ++i) {
        real_folders_.insert(canonical_root_ + relative_suffix(level[i].path));
        for (auto& link : current.results[i].links) links_.push_back(std::move(link));
        current.first_child[i] = next.size();
        for (auto& folder : current.results[i].folders) next.push_back(std::move(folder));
      }
      current.tasks = std::move(level);
      levels.push_back(std::move(current));
      level = std::move(next);
    }
    if (!levels.empty()) emit_in_path_order(levels, 0, 0);
  }

  // Appends the files of levels[depth].results[index] and of the folders
  // below it in the order of their paths' bytes (a folder's entries sort as
  // if a sub-folder's name ended in '/'), so that a walk of one folder needs
  // no sort of all the paths at the end (it compared long shared prefixes
  // over and over: 38% of discovering 190,000 files).
  void emit_in_path_order(std::vector<Level>& levels, size_t depth, size_t index) {
    FolderResult& result = levels[depth].results[index];
    size_t child = depth + 1 < levels.size() ? levels[depth].first_child[index] : 0;
    size_t children_end = child + result.folders.size();
    auto name_of = [](const std::string& path) {
      return std::string_view(path).substr(path.rfind('/') + 1);
    };
    auto file_first = [&](const DiscoveredFile& file, const FolderTask& folder) {
      return path_order_less(name_of(file.relative), false, name_of(folder.path), true);
    };
    size_t file = 0;
    while (file < result.files.size() || child < children_end) {
      bool take_file =
          child == children_end || (file < result.files.size() &&
                                    file_first(result.files[file], levels[depth + 1].tasks[child]));
      if (take_file) {
        out_.push_back(std::move(result.files[file++]));
      } else {
        emit_in_path_order(levels, depth + 1, child++);
      }
    }
  }

  // A folder behind a link, and everything below it, read on this thread.
  void walk_linked_folder(const FolderTask& link) {
    std::vector<FolderTask> stack{link};
    while (!stack.empty()) {
      FolderTask task = std::move(stack.back());
      stack.pop_back();
      struct stat st {};
      if (::stat(task.path.c_str(), &st) != 0) continue;
      if (!visited_.insert({st.st_dev, st.st_ino}).second) continue;  // a loop through links
      FolderResult result;
      read_folder(task, result);
      append(result);
      // Reversed: the stack then reads them in path order.
      std::move(result.folders.rbegin(), result.folders.rend(), std::back_inserter(stack));
    }
  }

  std::string relative_suffix(const std::string& path) const {
    std::string relative = relative_to(options_.root, path);
    return relative.empty() ? std::string() : "/" + relative;
  }

  bool ignored(const std::string& relative) const {
    for (const auto& glob : options_.ignore) {
      if (glob_match(glob, relative)) return true;
    }
    return false;
  }

  bool git_ignored(const GitIgnoreScope& scope, const std::string& relative,
                   bool is_directory) const {
    return options_.gitignore && !relative.empty() &&
           gitignore_.ignored(scope, relative, is_directory);
  }

  bool inside_root(const fs::path& target) const {
    std::error_code ec;
    std::string canonical = fs::weakly_canonical(target, ec).string();
    if (ec) return false;
    return canonical == canonical_root_ || starts_with(canonical, canonical_root_ + "/");
  }

  DiscoveredFile problem_file(const std::string& path, const std::string& problem) const {
    DiscoveredFile file;
    file.absolute = path;
    file.relative = relative_to(options_.root, path);
    file.problem = problem;
    kind_of(file.relative, file.kind);
    return file;
  }

  // A regular file as its folder lists it: the open folder and the name in it.
  struct FolderEntry {
    int folder_fd;
    const char* name;
  };

  // `entry`: where the folder being read lists the file, for its stamp.
  void consider_file(const std::string& path, bool explicit_file, const GitIgnoreScope& scope,
                     FolderResult& out, const FolderEntry* entry = nullptr) {
    std::string relative = relative_to(options_.root, path);
    FileKind kind;
    if (!kind_of(relative, kind)) return;
    if (!explicit_file && (ignored(relative) || git_ignored(scope, relative, false))) return;
    DiscoveredFile file;
    file.absolute = path;
    file.relative = relative;
    file.kind = kind;
    if (entry != nullptr && options_.stamp_files) file.stamp = stamp_in_folder(*entry);
    out.files.push_back(std::move(file));
  }

  // Relative to the open folder: the kernel looks up one name, where a stat
  // of the full path walks every folder above it again.  Unset unless it is
  // still a regular file.
  static std::optional<FileStamp> stamp_in_folder(const FolderEntry& entry) {
    struct stat st {};
    if (::fstatat(entry.folder_fd, entry.name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode)) {
      return std::nullopt;
    }
    return stamp_of(st);
  }

  // readdir with d_type: no stat per entry except for symbolic links (and,
  // with stamp_files, for the files kept).
  void read_folder(const FolderTask& task, FolderResult& out) {
    if (task.depth > 64) return;
    DIR* handle = ::opendir(task.path.c_str());
    if (handle == nullptr) return;
    std::unique_ptr<DIR, int (*)(DIR*)> close_folder(handle, ::closedir);
    struct Item {
      std::string name;
      unsigned char type;
    };
    std::vector<Item> items;
    while (struct dirent* entry = ::readdir(handle)) {
      std::string_view name(entry->d_name);
      if (name == "." || name == "..") continue;
      items.push_back({std::string(name), entry->d_type});
    }
    // In the order of the paths below: a sub-folder's name as if it ended in
    // '/' ("a-b" before "a/", though "a" sorts before "a-b").
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return path_order_less(a.name, a.type == DT_DIR, b.name, b.type == DT_DIR);
    });
    // The .gitignore files in force here: the lister's, and this folder's own.
    GitIgnoreScope scope;
    if (options_.gitignore && !task.in_templates) {
      bool has_file = std::any_of(items.begin(), items.end(),
                                  [](const Item& i) { return i.name == ".gitignore"; });
      scope = gitignore_.enter(task.scope, relative_to(options_.root, task.path), has_file);
    }
    bool chart_dir = std::any_of(items.begin(), items.end(),
                                 [](const Item& i) { return i.name == "Chart.yaml"; });
    for (const auto& item : items) {
      std::string path = task.path + "/" + item.name;
      unsigned char type = item.type;
      if (type == DT_UNKNOWN) {
        struct stat lst {};
        if (::lstat(path.c_str(), &lst) != 0) continue;
        type = S_ISLNK(lst.st_mode)    ? DT_LNK
               : S_ISDIR(lst.st_mode)  ? DT_DIR
               : S_ISREG(lst.st_mode)  ? DT_REG
               : S_ISFIFO(lst.st_mode) ? DT_FIFO
                                       : DT_CHR;  // device or socket: reported alike
      }
      if (task.in_templates) {
        consider_template(item.name, path, type, task.depth, out);
      } else if (type == DT_LNK) {
        follow_link(item.name, path, chart_dir, task.depth, scope, out);
      } else if (type == DT_DIR) {
        if (chart_dir && item.name == "templates") {
          if (!ignored(relative_to(options_.root, path) + "/"))
            out.folders.push_back(FolderTask{path, task.depth + 1, true, nullptr});
        } else if (!skip_directory(item.name, path, chart_dir, scope)) {
          out.folders.push_back(FolderTask{path, task.depth + 1, false, scope});
        }
      } else if (type == DT_REG) {
        FolderEntry entry{::dirfd(handle), item.name.c_str()};
        consider_file(path, false, scope, out, &entry);
      } else {
        consider_special(item.name, path, out);
      }
    }
  }

  // A FIFO, device or socket with a name the linter reads.
  void consider_special(const std::string& name, const std::string& path, FolderResult& out) {
    FileKind kind;
    if (!kind_of(name, kind) || ignored(relative_to(options_.root, path))) return;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return;
    out.files.push_back(problem_file(path, special_file_problem(st.st_mode)));
  }

  // Inside a chart's templates/: text files helm renders (links are not followed).
  void consider_template(const std::string& name, const std::string& path, unsigned char type,
                         int depth, FolderResult& out) {
    if (type == DT_DIR) {
      out.folders.push_back(FolderTask{path, depth + 1, true, nullptr});
      return;
    }
    if (type != DT_REG || !is_chart_template(name)) return;
    std::string relative = relative_to(options_.root, path);
    if (ignored(relative)) return;
    DiscoveredFile file;
    file.absolute = path;
    file.relative = relative;
    file.kind = FileKind::HelmTemplate;
    out.files.push_back(std::move(file));
  }

  void follow_link(const std::string& name, const std::string& path, bool chart_dir, int depth,
                   const GitIgnoreScope& scope, FolderResult& out) {
    std::error_code status_ec;
    auto target_status = fs::status(path, status_ec);
    if (status_ec) {
      // Dangling link or a loop (ELOOP): report loops, skip the rest.
      FileKind kind;
      if (status_ec == std::errc::too_many_symbolic_link_levels && kind_of(name, kind)) {
        out.files.push_back(problem_file(path, "symbolic link loop"));
      }
      return;
    }
    if (!fs::is_directory(target_status) && !fs::is_regular_file(target_status)) {
      // A link to /dev/zero or a FIFO, in or out of the root: never opened.
      FileKind kind;
      struct stat st {};
      if (kind_of(name, kind) && !ignored(relative_to(options_.root, path)) &&
          ::stat(path.c_str(), &st) == 0) {
        out.files.push_back(problem_file(path, special_file_problem(st.st_mode, true)));
      }
      return;
    }
    if (!inside_root(path)) return;  // never follow links out of the root
    if (fs::is_directory(target_status)) {
      // Walked after every real folder: a folder reached both ways is read
      // under its real path (the one git and pre-commit name).
      if (!skip_directory(name, path, chart_dir, scope)) {
        out.links.push_back(FolderTask{path, depth + 1, false, scope});
      }
    } else if (fs::is_regular_file(target_status)) {
      consider_file(path, false, scope, out);
    }
  }

  bool skip_directory(const std::string& name, const std::string& path, bool chart_dir,
                      const GitIgnoreScope& scope) const {
    if (name == ".git") return true;
    if (chart_dir && (name == "templates" || name == "crds")) return true;  // Go templates
    std::string relative = relative_to(options_.root, path);
    return ignored(relative) || ignored(relative + "/") || git_ignored(scope, relative, true);
  }

  const DiscoveryOptions& options_;
  std::vector<DiscoveredFile>& out_;
  std::string canonical_root_;
  GitIgnore gitignore_;
  std::set<std::string> real_folders_;  // canonical paths of the real folders read
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::vector<FolderTask> links_;
};

}  // namespace

std::string relative_to(const std::string& root, const std::string& path) {
  // Fast path: `path` spelled under `root` (how discovery builds paths).
  if (starts_with(path, root) && (path.size() == root.size() || path[root.size()] == '/')) {
    std::string rest = path.substr(std::min(path.size(), root.size() + 1));
    if (rest.find("/./") == std::string::npos && rest.find("/../") == std::string::npos &&
        !starts_with(rest, "./") && !starts_with(rest, "../") &&
        rest.find("//") == std::string::npos) {
      return rest;
    }
  }
  fs::path rel =
      fs::path(path).lexically_normal().lexically_relative(fs::path(root).lexically_normal());
  std::string out = rel.generic_string();
  if (out == ".") return "";
  if (out.empty()) return fs::path(path).generic_string();
  return out;
}

namespace {

// A walk of one folder comes out in order (Walker::emit_in_path_order) and
// is only checked; several PATHs, links, unreadable folders and folders
// whose entry types readdir did not give are sorted.  Stable: of two
// spellings of one path (a PATH inside another), the first walked is kept,
// as when no sort is needed.
void sort_and_deduplicate(std::vector<DiscoveredFile>& files) {
  auto by_path = [](const DiscoveredFile& a, const DiscoveredFile& b) {
    return a.relative < b.relative;
  };
  if (!std::is_sorted(files.begin(), files.end(), by_path)) {
    std::stable_sort(files.begin(), files.end(), by_path);
  }
  files.erase(std::unique(files.begin(), files.end(),
                          [](const DiscoveredFile& a, const DiscoveredFile& b) {
                            return a.relative == b.relative;
                          }),
              files.end());
}

// The chart folder ("templates" or "crds", Go templates) a path lies in; empty when none.
std::string_view chart_template_folder(const std::string& relative,
                                       const std::set<std::string>& chart_dirs) {
  std::vector<std::string_view> segments = split(relative, '/');
  std::string parent;
  for (size_t i = 0; i + 1 < segments.size(); ++i) {
    if ((segments[i] == "templates" || segments[i] == "crds") && chart_dirs.count(parent) > 0)
      return segments[i] == "templates" ? "templates" : "crds";
    if (!parent.empty()) parent += '/';
    parent += segments[i];
  }
  return {};
}

}  // namespace

std::vector<DiscoveredFile> discover_files(const DiscoveryOptions& options) {
  std::vector<DiscoveredFile> files;
  Walker walker(options, files);
  for (const auto& path : options.paths) walker.walk_path(path);
  walker.finish();
  sort_and_deduplicate(files);
  return files;
}

std::vector<DiscoveredFile> discover_memory_files(const std::vector<MemoryFile>& files,
                                                  const std::vector<std::string>& ignore) {
  std::set<std::string> chart_dirs;
  for (const auto& file : files) {
    const std::string& path = file.relative;
    if (path == "Chart.yaml") chart_dirs.insert("");
    if (ends_with(path, "/Chart.yaml")) chart_dirs.insert(path.substr(0, path.size() - 11));
  }
  std::vector<DiscoveredFile> out;
  for (const auto& file : files) {
    DiscoveredFile discovered;
    if (file.relative.empty()) continue;
    if (std::string_view folder = chart_template_folder(file.relative, chart_dirs);
        !folder.empty()) {
      // As on disk: templates/ holds the chart's Go templates, rendered per release.
      if (folder != "templates" ||
          !is_chart_template(file.relative.substr(file.relative.rfind('/') + 1)))
        continue;
      discovered.kind = FileKind::HelmTemplate;
    } else if (!kind_of(file.relative, discovered.kind)) {
      continue;
    }
    bool skip = false;
    for (const auto& glob : ignore) skip = skip || glob_match(glob, file.relative);
    if (skip) continue;
    discovered.absolute = file.relative;
    discovered.relative = file.relative;
    discovered.content = &file.content;
    out.push_back(std::move(discovered));
  }
  sort_and_deduplicate(out);
  return out;
}

}  // namespace seldon_lint
