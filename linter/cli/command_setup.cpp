// What the commands that read the repository share: choosing the root,
// resolving PATHs under it, reading the configuration, opening output files.
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "linter/cli/commands.hpp"
#include "linter/cli/config.hpp"

namespace fs = std::filesystem;

namespace seldon_lint::commands {
namespace {

std::string git_toplevel(fs::path start) {
  std::error_code ec;
  start = fs::absolute(start, ec);
  if (!fs::is_directory(start, ec)) start = start.parent_path();
  for (fs::path p = start; !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / ".git", ec)) return p.string();
    if (p == p.parent_path()) break;
  }
  return {};
}

bool within(const std::string& path, const std::string& dir) {
  return path == dir || path.starts_with(dir == "/" ? dir : dir + "/");
}

}  // namespace

std::string absolute_normal(const std::string& path) {
  std::error_code ec;
  std::string out = fs::absolute(path, ec).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// --root, else the git top-level of the first path, else the current directory
// (or the first path itself when it lies outside the current directory).
std::string choose_root(const CliOptions& cli) {
  if (!cli.root.empty()) return absolute_normal(cli.root);
  std::string first = cli.paths.empty() ? "." : cli.paths.front();
  std::string top = git_toplevel(first);
  if (!top.empty()) return absolute_normal(top);
  std::string cwd = absolute_normal(".");
  std::string target = absolute_normal(first);
  if (target == cwd || target.starts_with(cwd + "/")) return cwd;
  std::error_code ec;
  return fs::is_directory(target, ec) ? target : absolute_normal(fs::path(target).parent_path());
}

// --output/--write-baseline FILE: missing parent folders are created (CI
// steps write into a fresh `reports/`); a failure names the reason.
bool open_for_writing(const std::string& path, std::ofstream& file, std::ostream& err) {
  std::error_code ec;
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    fs::create_directories(parent, ec);
    if (ec) {
      err << "seldon-lint: cannot write " << path << ": cannot create folder " << parent.string()
          << ": " << ec.message() << "\n";
      return false;
    }
  }
  if (fs::is_directory(path, ec)) {
    err << "seldon-lint: cannot write " << path << ": it is a folder\n";
    return false;
  }
  file.open(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    err << "seldon-lint: cannot write " << path << ": " << std::strerror(errno) << "\n";
    return false;
  }
  return true;
}

// A PATH as an absolute path spelled under `root`.  It must exist and, with
// symbolic links resolved, lie inside the root: relative paths, SARIF
// %SRCROOT% and the "links stay inside the root" rule depend on it.
bool resolve_path(const std::string& path, const std::string& root, std::string& out,
                  std::ostream& err) {
  std::error_code ec;
  std::string absolute = absolute_normal(path);
  if (!fs::exists(absolute, ec)) {
    err << "seldon-lint: no such file or directory: " << path << "\n";
    return false;
  }
  std::string real = fs::weakly_canonical(absolute, ec).string();
  std::string real_root = fs::weakly_canonical(root, ec).string();
  while (real_root.size() > 1 && real_root.back() == '/') real_root.pop_back();
  if (ec || !within(real, real_root)) {
    err << "seldon-lint: " << path << " is outside the repository root " << root
        << "; pass --root with a folder that contains it\n";
    return false;
  }
  if (within(absolute, root)) {
    out = absolute;
  } else {  // the root spelled through a symbolic link, or the other way round
    std::string rest = fs::path(real).lexically_relative(real_root).generic_string();
    out = rest == "." ? root : (fs::path(root) / rest).string();
  }
  return true;
}

// Reads the configuration at `path` (empty: `root`/.seldon-lint.yaml when it
// exists); false with "FILE:LINE: message" for a file that does not parse or
// names an unknown rule.
bool read_configuration(std::string path, const std::string& root, Config& config,
                        std::string& error) {
  if (path.empty()) {
    std::error_code ec;
    if (fs::exists(fs::path(root) / ".seldon-lint.yaml", ec)) {
      path = (fs::path(root) / ".seldon-lint.yaml").string();
    }
  }
  if (path.empty()) return true;
  ConfigError config_error;
  if (!load_config(path, config, config_error)) {
    error = config_error.message;
    return false;
  }
  auto rules = make_all_rules();
  for (const auto& [id, severity] : config.rule_severity) {
    // A named copy of the binding: clang 14 (the fuzz build) cannot capture a structured binding.
    const std::string& selector = id;
    bool known = std::any_of(rules.begin(), rules.end(),
                             [&](const auto& r) { return selector_matches(r->info(), selector); });
    if (!known) {
      std::string hint = rule_hint(rules, id);
      error =
          fmt::format("{}:{}: unknown rule or group '{}'{}", path, config.rule_severity_line[id],
                      id, hint.empty() ? std::string() : fmt::format("; did you mean '{}'?", hint));
      return false;
    }
  }
  return true;
}

bool open_repository(const CliOptions& cli, LintOptions& options, std::ostream& err) {
  options.root = choose_root(cli);
  std::error_code ec;
  if (!fs::is_directory(options.root, ec)) {
    err << "seldon-lint: root '" << options.root << "' is not a directory\n";
    return false;
  }
  std::string error;
  if (!read_configuration(cli.config, options.root, options.config, error)) {
    err << "seldon-lint: invalid configuration: " << error << "\n";
    return false;
  }
  return true;
}

}  // namespace seldon_lint::commands
