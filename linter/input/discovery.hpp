// Which files the linter reads (interfaces.md "Files read").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "linter/input/file_stamp.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct DiscoveredFile {
  std::string absolute;
  std::string relative;  // to the root, '/' separators
  FileKind kind = FileKind::Yaml;
  std::string problem;  // non-empty: cannot be read (symlink loop, permission denied)
  const std::string* content = nullptr;  // set: an in-memory file, never read from disk
  // The stat taken while its folder was read (DiscoveryOptions::stamp_files),
  // for a regular file found in a folder; unset otherwise.
  std::optional<FileStamp> stamp;
};

// A file given in memory instead of on disk: the repository fuzzer lints
// thousands of generated repositories without writing any of them.
struct MemoryFile {
  std::string relative;  // to the root, '/' separators
  std::string content;
};

struct DiscoveryOptions {
  std::string root;                 // absolute
  std::vector<std::string> paths;   // absolute files or directories under (or at) the root
  std::vector<std::string> ignore;  // globs relative to the root
  bool gitignore = true;            // skip what .gitignore files ignore (false: --no-ignore)
  unsigned jobs = 1;                // folders read in parallel
  // Stat each regular file relative to its open folder (DiscoveredFile::stamp):
  // a warm cache checks every file's stat, and a stat of the full path walks
  // every folder of it again in the kernel.
  bool stamp_files = false;
};

// Files in a stable, sorted order.  Skips `.git/`, ignored globs, .gitignored
// files and folders (below a PATH; a PATH itself is read), symlinks
// that leave the root, and the `templates/` and `crds/` folders of Helm charts.
std::vector<DiscoveredFile> discover_files(const DiscoveryOptions& options);

// The in-memory counterpart of discover_files: the same kinds, ignore globs,
// Helm `templates/` folders and order.  `files` must outlive the result.
std::vector<DiscoveredFile> discover_memory_files(const std::vector<MemoryFile>& files,
                                                  const std::vector<std::string>& ignore);

// Path of `path` relative to `root` with '/' separators ("" when equal).
std::string relative_to(const std::string& root, const std::string& path);

}  // namespace seldon_lint
