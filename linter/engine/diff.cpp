#include "linter/engine/diff.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <sstream>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs a shell command; returns its exit status (-1 when it could not start).
int run(const std::string& command, std::string& output) {
  output.clear();
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  int status = ::pclose(pipe);
  if (status == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// Git's C-style quoting of unusual paths: "b/caf\303\251 \"x\".yaml".
std::string unquote_path(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::string(s);
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c != '\\' || i + 2 >= s.size()) {
      out += c;
      continue;
    }
    char e = s[++i];
    if (e >= '0' && e <= '7' && i + 2 < s.size()) {
      int value = (e - '0') * 64 + (s[i + 1] - '0') * 8 + (s[i + 2] - '0');
      out += static_cast<char>(value);
      i += 2;
    } else if (e == 'n') {
      out += '\n';
    } else if (e == 't') {
      out += '\t';
    } else {
      out += e;  // \" and \\ (and anything else) stand for themselves
    }
  }
  return out;
}

std::string strip_tabs(std::string_view s) {
  // Git appends a tab to names with blanks in some versions ("+++ b/a b\t").
  while (!s.empty() && (s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

bool parse_count(std::string_view text, uint32_t& start, uint32_t& count) {
  // "12" or "12,3"
  size_t comma = text.find(',');
  std::string a(text.substr(0, comma));
  // At most 9 digits: std::stoul throws on longer ones (found by fuzz_diff),
  // and no file the linter reads has a billion lines.
  if (a.empty() || a.size() > 9 || a.find_first_not_of("0123456789") != std::string::npos)
    return false;
  start = static_cast<uint32_t>(std::stoul(a));
  count = 1;
  if (comma != std::string_view::npos) {
    std::string b(text.substr(comma + 1));
    if (b.empty() || b.size() > 9 || b.find_first_not_of("0123456789") != std::string::npos)
      return false;
    count = static_cast<uint32_t>(std::stoul(b));
  }
  return true;
}

}  // namespace

ChangedLines parse_unified_diff(const std::string& diff) {
  ChangedLines out;
  const uint32_t diff_lines = static_cast<uint32_t>(
      std::min<size_t>(std::count(diff.begin(), diff.end(), '\n') + 1, UINT32_MAX));
  std::string current;
  std::istringstream in(diff);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("+++ ")) {
      std::string path = unquote_path(strip_tabs(std::string_view(line).substr(4)));
      if (path == "/dev/null") {
        current.clear();
      } else {
        current = path.starts_with("b/") ? path.substr(2) : path;
        out.lines[current];  // a file in the diff, even with no added lines
      }
      continue;
    }
    if (!line.starts_with("@@ ") || current.empty()) continue;
    size_t plus = line.find(" +");
    if (plus == std::string::npos) continue;
    size_t end = line.find(' ', plus + 2);
    uint32_t start = 0, count = 0;
    if (!parse_count(std::string_view(line).substr(plus + 2, end - plus - 2), start, count)) {
      continue;
    }
    auto& set = out.lines[current];
    if (count == 0) {
      // Pure deletion after line `start`: the lines around the gap changed meaning.
      if (start > 0) set.insert(start);
      set.insert(start + 1);
    } else {
      // A real hunk is followed by its `count` lines: a header claiming more
      // than the diff holds is bounded by the diff's own size.
      count = std::min<uint32_t>(count, diff_lines);
      for (uint32_t l = start; l < start + count; ++l) set.insert(l);
    }
  }
  return out;
}

bool changed_lines_since(const std::string& root, const std::string& ref, ChangedLines& out,
                         std::string& error) {
  if (ref.empty() || ref[0] == '-') {
    error = "--diff-base needs a git revision, got '" + ref + "'";
    return false;
  }
  const std::string git = "git -c core.quotePath=false -C " + shell_quote(root) + " ";
  // The untracked files do not depend on the merge base: asked at the same time.
  std::string untracked;
  std::future<int> untracked_status = std::async(std::launch::async, [&] {
    return run(git + "ls-files --others --exclude-standard -z 2>/dev/null", untracked);
  });
  std::string output;
  int status = run(git + "merge-base " + shell_quote(ref) + " HEAD 2>&1", output);
  if (status != 0) {
    std::string detail(trim(output));
    if (status == 127) detail = "git is not installed or not on PATH";
    error = "--diff-base " + ref + ": `git merge-base " + ref + " HEAD` failed" +
            (detail.empty() ? std::string() : ": " + detail) +
            " (is the root a git repository, and is the history deep enough? In CI fetch it, "
            "e.g. actions/checkout with fetch-depth: 0)";
    return false;
  }
  std::string base(trim(output));
  if (base.empty() || base.find_first_not_of("0123456789abcdef") != std::string::npos) {
    error = "--diff-base " + ref + ": unexpected output from git merge-base: " + base;
    return false;
  }
  status = run(git +
                   "diff --relative --unified=0 --no-color --no-ext-diff --no-textconv "
                   "--src-prefix=a/ --dst-prefix=b/ " +
                   base + " -- 2>/dev/null",
               output);
  if (status != 0) {
    error = "--diff-base " + ref + ": `git diff --unified=0 " + base + "` failed (exit " +
            std::to_string(status) + ")";
    return false;
  }
  out = parse_unified_diff(output);
  status = untracked_status.get();
  output = std::move(untracked);
  if (status != 0) {
    error = "--diff-base " + ref + ": `git ls-files --others` failed (exit " +
            std::to_string(status) + ")";
    return false;
  }
  for (auto name : split(output, '\0')) {
    if (!name.empty()) out.whole_files.insert(std::string(name));
  }
  return true;
}

}  // namespace seldon_lint
