#include "linter/input/gitignore.hpp"

#include <algorithm>
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

GitIgnoreScope GitIgnore::above(const std::string& folder) const {
  if (folder.empty()) return nullptr;
  GitIgnoreScope scope = enter(nullptr, "", true);
  for (size_t slash = folder.find('/'); slash != std::string::npos;
       slash = folder.find('/', slash + 1)) {
    scope = enter(scope, folder.substr(0, slash), true);
  }
  return scope;
}

GitIgnoreScope GitIgnore::enter(const GitIgnoreScope& parent, const std::string& folder,
                                bool has_file) const {
  if (!has_file) return parent;
  std::string path = folder.empty() ? root_ + "/.gitignore" : root_ + "/" + folder + "/.gitignore";
  auto patterns = parse_gitignore(read_small_file(path));
  if (patterns.empty()) return parent;
  return std::make_shared<const GitIgnoreFrame>(
      GitIgnoreFrame{folder, std::move(patterns), parent});
}

bool GitIgnore::ignored(const GitIgnoreScope& scope, const std::string& relative,
                        bool is_directory) const {
  bool state = false;
  apply(exclude_, "", relative, is_directory, state);
  // Deeper .gitignore files override shallower ones: the root's first.
  std::vector<const GitIgnoreFrame*> frames;
  for (const GitIgnoreFrame* f = scope.get(); f != nullptr; f = f->parent.get()) {
    frames.push_back(f);
  }
  std::reverse(frames.begin(), frames.end());
  for (const GitIgnoreFrame* frame : frames) {
    apply(frame->patterns, frame->folder, relative, is_directory, state);
  }
  return state;
}

}  // namespace seldon_lint
