#include "linter/input/gitignore.hpp"

#include <fstream>
#include <sstream>

#include "linter/base/glob.hpp"
#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

constexpr size_t kMaxIgnoreFileBytes = 1u << 20;

std::string read_small_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string text(kMaxIgnoreFileBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

// Trailing spaces are dropped unless escaped with a backslash.
std::string_view trim_trailing_spaces(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    size_t backslashes = 0;
    for (size_t i = line.size() - 1; i > 0 && line[i - 1] == '\\'; --i) ++backslashes;
    if (backslashes % 2 == 1) break;
    line.remove_suffix(1);
  }
  return line;
}

bool parse_line(std::string_view line, GitIgnorePattern& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  line = trim_trailing_spaces(line);
  if (line.empty() || line.front() == '#') return false;
  if (line.front() == '!') {
    out.negated = true;
    line.remove_prefix(1);
  } else if (starts_with(line, "\\!") || starts_with(line, "\\#")) {
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/') {
    out.directory_only = true;
    line.remove_suffix(1);
  }
  if (line.empty()) return false;
  // A slash at the start or in the middle anchors the pattern to its folder;
  // otherwise it matches a name at any depth.
  bool anchored = line.find('/') != std::string_view::npos;
  if (line.front() == '/') line.remove_prefix(1);
  out.glob = anchored ? std::string(line) : "**/" + std::string(line);
  return !line.empty();
}

// Applies `patterns` (of the .gitignore in `folder`) to `relative`: the last
// matching pattern decides; `state` keeps the decision of shallower files.
void apply(const std::vector<GitIgnorePattern>& patterns, const std::string& folder,
           const std::string& relative, bool is_directory, bool& state) {
  if (patterns.empty()) return;
  std::string_view inside = relative;
  if (!folder.empty()) inside.remove_prefix(folder.size() + 1);
  for (const auto& pattern : patterns) {
    if (pattern.directory_only && !is_directory) continue;
    if (glob_match(pattern.glob, inside)) state = !pattern.negated;
  }
}

}  // namespace

std::vector<GitIgnorePattern> parse_gitignore(std::string_view text) {
  std::vector<GitIgnorePattern> out;
  for (std::string_view line : split(text, '\n')) {
    GitIgnorePattern pattern;
    if (parse_line(line, pattern)) out.push_back(std::move(pattern));
  }
  return out;
}

GitIgnore::GitIgnore(std::string root) : root_(std::move(root)) {
  exclude_ = parse_gitignore(read_small_file(root_ + "/.git/info/exclude"));
}

const std::vector<GitIgnorePattern>& GitIgnore::patterns_of(const std::string& folder) {
  // A map's elements never move: the reference stays valid after the lock.
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cache_.find(folder);
  if (it != cache_.end()) return it->second;
  std::string path = folder.empty() ? root_ + "/.gitignore" : root_ + "/" + folder + "/.gitignore";
  return cache_.emplace(folder, parse_gitignore(read_small_file(path))).first->second;
}

bool GitIgnore::ignored(const std::string& relative, bool is_directory) {
  bool state = false;
  apply(exclude_, "", relative, is_directory, state);
  // Deeper .gitignore files override shallower ones: the root's first.
  apply(patterns_of(""), "", relative, is_directory, state);
  for (size_t slash = relative.find('/'); slash != std::string::npos;
       slash = relative.find('/', slash + 1)) {
    std::string folder = relative.substr(0, slash);
    apply(patterns_of(folder), folder, relative, is_directory, state);
  }
  return state;
}

}  // namespace seldon_lint
