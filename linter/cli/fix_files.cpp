#include "linter/cli/fix_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace seldon_lint {
namespace {

bool read_all(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return static_cast<bool>(in) || in.eof();
}

// Writes `text` to `target` through a temporary file in the same folder.
bool replace_atomically(const fs::path& target, const std::string& text, std::string& error) {
  std::error_code ec;
  fs::perms perms = fs::status(target, ec).permissions();
  fs::path temp = target.parent_path() /
                  ("." + target.filename().string() + ".seldon-lint-" + std::to_string(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = std::strerror(errno);
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      error = "write failed";
      fs::remove(temp, ec);
      return false;
    }
  }
  if (!ec) fs::permissions(temp, perms, ec);
  fs::rename(temp, target, ec);
  if (ec) {
    error = ec.message();
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

}  // namespace

FixPlan plan_for_run(const LintOptions& options, const LintResult& result) {
  const Model& model = *result.model;
  std::vector<std::string> dirs;  // relative to the root; "" is the root
  if (options.only_files.empty()) {
    for (const auto& path : options.paths) {
      std::string rel = fs::path(path).lexically_relative(options.root).generic_string();
      dirs.push_back(rel == "." ? std::string() : rel);
    }
  } else {
    dirs = options.only_dirs;
  }
  auto allowed = [&](const std::string& path) {
    if (options.only_files.count(path) > 0) return true;
    return std::any_of(dirs.begin(), dirs.end(), [&](const std::string& dir) {
      return dir.empty() || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                             path[dir.size()] == '/');
    });
  };
  std::vector<Finding> fixable;
  for (const auto& finding : result.findings) {
    if (finding.fixes.empty() || finding.suppressed) continue;
    const auto& edits = finding.fixes.front().edits;
    bool inside = std::all_of(edits.begin(), edits.end(), [&](const TextEdit& e) {
      return e.file < model.files.size() && allowed(model.files[e.file].path);
    });
    if (inside) fixable.push_back(finding);
  }
  return plan_fixes(model, fixable);
}

FixRun fix_until_clean(const LintOptions& options, LintResult& result, std::ostream& err) {
  // Each round fixes at least one finding or stops; a fix that does not
  // resolve its finding cannot loop for ever.
  constexpr size_t kMaxRounds = 10;
  FixRun run;
  std::set<std::string> written;
  while (run.rounds < kMaxRounds) {
    FixPlan plan = plan_for_run(options, result);
    if (plan.files.empty()) break;
    ++run.rounds;
    WriteOutcome outcome = write_fixes(options.root, plan, err);
    run.failed += outcome.files_failed;
    if (outcome.files_written == 0) break;
    for (const auto& change : plan.files) written.insert(change.path);
    run.fixes += plan.fixes;
    result = lint(options);
    if (outcome.files_failed > 0) break;
  }
  run.files = written.size();
  return run;
}

WriteOutcome write_fixes(const std::string& root, const FixPlan& plan, std::ostream& err) {
  WriteOutcome outcome;
  for (const auto& change : plan.files) {
    std::error_code ec;
    // A symbolic link (inside the root, or it would not have been read) is
    // followed: the file it names gets the fix, the link stays a link.
    fs::path target = fs::weakly_canonical(fs::path(root) / change.path, ec);
    if (ec) target = fs::path(root) / change.path;
    std::string on_disk;
    if (!read_all(target, on_disk) || on_disk != change.before) {
      err << "seldon-lint: not fixing " << change.path
          << ": it changed on disk since it was read\n";
      ++outcome.files_failed;
      continue;
    }
    std::string error;
    if (!replace_atomically(target, change.after, error)) {
      err << "seldon-lint: cannot write " << change.path << ": " << error << "\n";
      ++outcome.files_failed;
      continue;
    }
    ++outcome.files_written;
  }
  return outcome;
}

void write_diff(const FixPlan& plan, std::ostream& out) {
  for (const auto& change : plan.files) out << unified_diff(change);
}

}  // namespace seldon_lint
