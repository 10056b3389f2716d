// The default command: lint the repository, write the report, and the
// exit code from --fail-level; --fix, --diff and --write-baseline.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <future>

#include <fmt/format.h>

#include "linter/base/phase_timer.hpp"
#include "linter/base/text.hpp"
#include "linter/base/thread_pool.hpp"
#include "linter/cli/commands.hpp"
#include "linter/cli/fix_files.hpp"
#include "linter/input/file_cache.hpp"
#include "linter/report/sarif_limits.hpp"
#include "seldon_lint_build_info.hpp"

namespace fs = std::filesystem;

namespace seldon_lint::commands {
namespace {

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    for (auto part : split(v, ',')) {
      auto t = trim(part);
      if (!t.empty()) out.emplace_back(t);
    }
  }
  return out;
}

bool parse_env_flags(const CliOptions& cli, EnvironmentRules& out, std::ostream& err) {
  for (const auto& flag : cli.env) {
    size_t eq = flag.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == flag.size()) {
      err << "seldon-lint: --env expects NAME=GLOB, got '" << flag << "'\n";
      return false;
    }
    out.globs.emplace_back(flag.substr(0, eq), std::vector<std::string>{flag.substr(eq + 1)});
  }
  return true;
}

bool fail_threshold(const std::string& level, Severity& out) {
  if (level == "none") {
    out = Severity::Off;
    return true;
  }
  return parse_severity(level, out) && out != Severity::Off;
}

// --color auto|always|never, --no-color, NO_COLOR and FORCE_COLOR (auto only:
// an explicit flag wins): auto colors a terminal on stdout.
bool use_color(const CliOptions& cli) {
  if (cli.no_color || cli.color == "never") return false;
  if (cli.color == "always") return true;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* force = std::getenv("FORCE_COLOR");
  if (force != nullptr && *force != '\0' && std::string_view(force) != "0" &&
      std::string_view(force) != "false") {
    return true;
  }
  return cli.output.empty() && ::isatty(STDOUT_FILENO);
}

bool reaches(Severity severity, Severity threshold) {
  return threshold != Severity::Off && static_cast<int>(severity) >= static_cast<int>(threshold);
}

// --diff: what --fix would change, as a unified diff on stdout; nothing is
// written.  Like ruff, exit 1 when there is something to fix.
int print_fix_diff(const CliOptions& cli, const LintOptions& options, const LintResult& result,
                   std::ostream& out, std::ostream& err) {
  FixPlan plan = plan_for_run(options, result);
  write_diff(plan, out);
  out.flush();
  if (!cli.quiet) {
    err << fmt::format("seldon-lint: would fix {} finding{} in {} file{}", plan.fixes,
                       plan.fixes == 1 ? "" : "s", plan.files.size(),
                       plan.files.size() == 1 ? "" : "s")
        << (plan.skipped > 0 ? fmt::format(" ({} more after these: run --fix)", plan.skipped) : "")
        << "\n";
  }
  return plan.files.empty() ? kExitClean : kExitFindings;
}

// --fix: writes the fixes and leaves `result` as the lint of the fixed files;
// returns the summary note ("Fixed 2 findings in 1 file.").
std::string apply_fixes(const LintOptions& options, LintResult& result, std::ostream& err) {
  FixRun run = fix_until_clean(options, result, err);
  std::string note = fmt::format("Fixed {} finding{} in {} file{}.", run.fixes,
                                 run.fixes == 1 ? "" : "s", run.files, run.files == 1 ? "" : "s");
  if (run.failed > 0)
    note += fmt::format(" {} file(s) could not be fixed (see above).", run.failed);
  return note;
}

// What the persistent cache's records depend on besides the files: this
// build of the linter.  The executable's size and mtime make a rebuilt
// binary (same version, new parser) start from an empty cache.
std::string build_identity() {
  std::string identity = fmt::format("seldon-lint {} commit {} {} build", SELDON_LINT_VERSION,
                                     SELDON_LINT_COMMIT, SELDON_LINT_BUILD_TYPE);
  struct stat st {};
  if (::stat("/proc/self/exe", &st) == 0) {
    identity += fmt::format(
        ", executable {} bytes, mtime {}.{:09}", static_cast<long long>(st.st_size),
        static_cast<long long>(st.st_mtim.tv_sec), static_cast<long>(st.st_mtim.tv_nsec));
  }
  return identity;
}

// PATHs: folders are walked.  Named files (a pre-commit hook's arguments):
// the whole root is modelled, only findings that touch them are reported.
bool select_paths(const CliOptions& cli, LintOptions& options, std::ostream& err) {
  std::vector<std::string> paths = cli.paths.empty() ? std::vector<std::string>{"."} : cli.paths;
  bool file_mode = false;
  std::error_code ec;
  for (const auto& p : paths) {
    std::string absolute;
    if (!resolve_path(p, options.root, absolute, err)) return false;
    if (!fs::is_directory(absolute, ec)) {
      file_mode = true;
      options.only_files.insert(relative_to(options.root, absolute));
    } else {
      options.paths.push_back(absolute);
    }
  }
  if (file_mode) {
    // Folders named next to files keep all their findings.
    for (const auto& dir : options.paths)
      options.only_dirs.push_back(relative_to(options.root, dir));
    options.paths = {options.root};
  }
  return true;
}

// --write-baseline FILE: every finding of this run.
bool write_baseline_file(const CliOptions& cli, const Baseline& baseline, std::ostream& err) {
  std::ofstream baseline_file;
  if (!open_for_writing(cli.write_baseline, baseline_file, err)) return false;
  write_baseline(baseline, baseline_file);
  baseline_file.flush();
  if (!baseline_file) {
    err << "seldon-lint: cannot write " << cli.write_baseline << "\n";
    return false;
  }
  if (!cli.quiet) {
    err << "seldon-lint: wrote " << baseline.entries.size() << " baseline entries to "
        << cli.write_baseline << "\n";
  }
  return true;
}

Report make_report(const CliOptions& cli, const LintOptions& options, LintResult& result,
                   const std::string& fix_note) {
  Report report;
  report.model = result.model.get();
  report.findings = std::move(result.findings);
  for (const auto& rule : result.rules) report.rules.push_back(&rule->info());
  report.summary = result.summary;
  report.root = options.root;
  report.tool_version = SELDON_LINT_VERSION;
  report.notes = result.notes;
  if (!fix_note.empty()) report.notes.insert(report.notes.begin(), fix_note);
  report.sarif_category = cli.sarif_category;
  while (!report.sarif_category.empty() && report.sarif_category.back() == '/')
    report.sarif_category.pop_back();  // `--sarif-category x/` is x, not x//
  return report;
}

// The report in --format on stdout or --output; --statistics; the notes and
// summary on stderr where stdout carries a machine format or nothing.
bool write_report(const CliOptions& cli, Report& report, std::ostream& out, std::ostream& err) {
  std::ofstream file;
  std::ostream* sink = &out;
  if (!cli.output.empty()) {
    if (!open_for_writing(cli.output, file, err)) return false;
    sink = &file;
  }
  bool color = use_color(cli);
  if (cli.format == "json") {
    write_json(report, *sink);
  } else if (cli.format == "sarif") {
    *sink << render_sarif_within_limits(report, SarifLimits{});
  } else if (cli.format == "github") {
    write_github(report, *sink);
  } else if (cli.format == "gitlab") {
    write_gitlab(report, *sink);
  } else {
    write_text(report, *sink, color, /*summary=*/!cli.quiet);
  }
  // --statistics: after the text report; on stderr for the machine formats,
  // which must stay one parseable document.
  if (cli.statistics) write_statistics(report, cli.format == "text" ? *sink : err);
  sink->flush();
  if (cli.format != "text" && !cli.quiet) {
    for (const auto& note : report.notes) err << "seldon-lint: " << note << "\n";
  }
  if (!cli.output.empty() && !cli.quiet) {
    err << fmt::format(
        "seldon-lint: {} findings ({} errors, {} warnings, {} notes) in {} files; report written "
        "to {}\n",
        report.summary.findings, report.summary.errors, report.summary.warnings,
        report.summary.notes, report.summary.files, cli.output);
  }
  return true;
}

}  // namespace

int run_lint(const CliOptions& cli, std::ostream& out, std::ostream& err,
             std::shared_ptr<void>* keep) {
  Severity threshold;
  if (!fail_threshold(cli.fail_level, threshold)) {
    err << "seldon-lint: --fail-level must be error, warning, note or none\n";
    return kExitUsage;
  }
  LintOptions options;
  if (!open_repository(cli, options, err)) return kExitUsage;
  if (!parse_env_flags(cli, options.extra_environments, err)) return kExitUsage;
  options.extra_production = cli.production_env;
  options.selection.select = split_commas(cli.select);
  options.selection.ignore = split_commas(cli.ignore);
  {
    auto rules = make_all_rules();
    if (!check_selectors(rules, options.selection.select, "--select", err) ||
        !check_selectors(rules, options.selection.ignore, "--ignore", err)) {
      return kExitUsage;
    }
  }
  options.jobs = cli.jobs == 0 ? default_jobs() : cli.jobs;
  options.inline_suppressions = !cli.no_inline_suppressions;
  options.include_suppressed = cli.include_suppressed;
  options.gitignore = !cli.no_ignore;
  options.keep_texts = cli.fix || cli.diff;
  if (!cli.no_cache) {
    options.cache_dir =
        cli.cache_dir.empty() ? default_cache_dir() : absolute_normal(cli.cache_dir);
    options.cache_identity = build_identity();
  }
  Baseline baseline;
  if (!cli.baseline.empty() && cli.write_baseline.empty()) {
    std::string error;
    if (!load_baseline(cli.baseline, baseline, error)) {
      err << "seldon-lint: --baseline: " << error << "\n";
      return kExitUsage;
    }
    options.baseline = &baseline;
  }
  options.write_baseline = !cli.write_baseline.empty();
  // --diff-base: git runs while the repository is read and modelled; its
  // answer is needed only to filter the findings.
  ChangedLines changed;
  std::string diff_error;
  std::shared_future<bool> git;  // shared: --fix lints again and asks again
  if (!cli.diff_base.empty()) {
    git = std::async(std::launch::async, [&] {
            return changed_lines_since(options.root, cli.diff_base, changed, diff_error);
          }).share();
    options.await_changed = [&]() -> const ChangedLines* { return git.get() ? &changed : nullptr; };
  }

  if (!select_paths(cli, options, err)) return kExitUsage;

  PhaseTimer app_timer;
  LintResult result = lint(options);
  app_timer.mark("lint()");
  if (result.changed_lines_failed) {
    err << "seldon-lint: " << diff_error << "\n";
    return kExitUsage;
  }
  if (cli.diff) return print_fix_diff(cli, options, result, out, err);
  std::string fix_note;
  if (cli.fix) fix_note = apply_fixes(options, result, err);
  if (options.write_baseline && !write_baseline_file(cli, result.baseline, err)) return kExitUsage;
  Report report = make_report(cli, options, result, fix_note);
  if (!write_report(cli, report, out, err)) return kExitUsage;
  app_timer.mark("write");
  int code = kExitClean;
  for (const auto& finding : report.findings) {
    if (!finding.suppressed && reaches(finding.severity, threshold)) code = kExitFindings;
  }
  if (keep != nullptr) *keep = std::make_shared<LintResult>(std::move(result));
  return code;
}

}  // namespace seldon_lint::commands
