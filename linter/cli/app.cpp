#include "linter/cli/app.hpp"
#include "linter/cli/config.hpp"

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>

#include <fmt/format.h>

#include "linter/base/phase_timer.hpp"
#include "linter/base/text.hpp"
#include "linter/base/thread_pool.hpp"
#include "linter/cli/fix_files.hpp"
#include "linter/cli/lint.hpp"
#include "linter/engine/baseline.hpp"
#include "linter/engine/diff.hpp"
#include "linter/input/discovery.hpp"
#include "linter/input/file_cache.hpp"
#include "linter/lsp/server.hpp"
#include "linter/report/rule_docs.hpp"
#include "linter/report/sarif_limits.hpp"
#include "linter/report/values_view.hpp"
#include "seldon_lint_build_info.hpp"

namespace fs = std::filesystem;

namespace seldon_lint {
namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct CliOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string config;
  std::string root;
  std::string fail_level = "error";
  std::vector<std::string> select, ignore;
  std::vector<std::string> env;
  std::vector<std::string> production_env;
  std::string baseline, write_baseline;
  std::string diff_base;
  unsigned jobs = 0;
  bool include_suppressed = false;
  bool no_inline_suppressions = false;
  bool no_color = false;
  std::string color = "auto";
  bool quiet = false;
  bool statistics = false;
  bool no_ignore = false;
  bool fix = false;
  bool diff = false;
  std::string values_path;
  std::string values_release;
  std::string values_format = "yaml";
  bool no_cache = false;
  std::string cache_dir;
  std::string sarif_category;
  std::string rules_format = "text";
  std::string explain_rule;
};

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

bool within(const std::string& path, const std::string& dir) {
  return path == dir || path.starts_with(dir == "/" ? dir : dir + "/");
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

int list_rules(const CliOptions& cli, std::ostream& out) {
  auto rules = make_all_rules();
  if (cli.rules_format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& rule : rules) {
      const RuleInfo& r = rule->info();
      nlohmann::ordered_json j;
      j["id"] = r.id;
      j["name"] = r.name;
      j["severity"] = severity_name(r.severity);
      j["tags"] = r.tags;
      if (r.security_severity >= 0) j["security_severity"] = r.security_severity;
      j["summary"] = r.summary;
      list.push_back(j);
    }
    out << list.dump(2) << "\n";
    return kExitClean;
  }
  for (const auto& rule : rules) {
    const RuleInfo& r = rule->info();
    out << fmt::format("{}  {:<40} {:<8} {}  [{}]\n", r.id, r.name, severity_name(r.severity),
                       r.summary, rule_tags_text(r));
  }
  return kExitClean;
}

// A hint for an unknown rule: the closest id or name, or one that starts like it.
std::string rule_hint(const std::vector<std::unique_ptr<Rule>>& rules, const std::string& wanted) {
  // An id-shaped name (SL999) is not a typo of another id: SL001 is no hint.
  if (wanted.size() > 2 && std::toupper(static_cast<unsigned char>(wanted[0])) == 'S' &&
      std::toupper(static_cast<unsigned char>(wanted[1])) == 'L' &&
      std::all_of(wanted.begin() + 2, wanted.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return {};
  }
  std::vector<std::string> names;
  for (const auto& r : rules) {
    names.push_back(r->info().id);
    names.push_back(r->info().name);
  }
  std::string hint = closest_match(wanted, names);
  if (!hint.empty()) return hint;
  // A prefix of a long rule name is as good a hint as the whole name.
  std::vector<std::string> prefixes;
  prefixes.reserve(names.size());
  for (const auto& name : names) prefixes.push_back(name.substr(0, wanted.size()));
  std::string prefix = closest_match(wanted, prefixes, 2);
  for (const auto& name : names) {
    if (!prefix.empty() && name.rfind(prefix, 0) == 0) return name;
  }
  return {};
}

// `explain ID|NAME|GROUP`: ids and names in any case; a group prefix (SL3)
// explains every rule in the group.
int explain(const CliOptions& cli, std::ostream& out, std::ostream& err) {
  auto rules = make_all_rules();
  std::vector<const RuleInfo*> matched;
  if (const RuleInfo* exact = find_rule(rules, cli.explain_rule)) {
    matched.push_back(exact);
  } else {
    for (const auto& rule : rules) {
      if (selector_matches(rule->info(), cli.explain_rule)) matched.push_back(&rule->info());
    }
  }
  if (matched.empty()) {
    std::string hint = rule_hint(rules, cli.explain_rule);
    err << "seldon-lint: there is no rule '" << cli.explain_rule << "'"
        << (hint.empty() ? std::string() : "; did you mean '" + hint + "'?")
        << " (`seldon-lint rules` lists them all)\n";
    return kExitUsage;
  }
  for (size_t i = 0; i < matched.size(); ++i) {
    if (i > 0) out << "\n";
    out << rule_help_text(*matched[i]);
  }
  return kExitClean;
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

// Unknown rule ids in --select/--ignore or the config are usage errors.
bool check_selectors(const std::vector<std::unique_ptr<Rule>>& rules,
                     const std::vector<std::string>& selectors, const std::string& what,
                     std::ostream& err) {
  for (const auto& s : selectors) {
    bool known = std::any_of(rules.begin(), rules.end(),
                             [&](const auto& r) { return selector_matches(r->info(), s); });
    if (!known) {
      std::string hint = rule_hint(rules, s);
      err << "seldon-lint: " << what << ": unknown rule or group '" << s << "'"
          << (hint.empty() ? std::string() : "; did you mean '" + hint + "'?") << "\n";
      return false;
    }
  }
  return true;
}

// Bytes are waiting on stdin (the language server defers linting to them).
bool stdin_readable() {
  pollfd fd{STDIN_FILENO, POLLIN, 0};
  return ::poll(&fd, 1, 0) > 0 && (fd.revents & POLLIN) != 0;
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

bool load_configuration(const CliOptions& cli, const std::string& root, Config& config,
                        std::ostream& err) {
  std::string error;
  if (!read_configuration(cli.config, root, config, error)) {
    err << "seldon-lint: invalid configuration: " << error << "\n";
    return false;
  }
  return true;
}

// `seldon-lint lsp`: the language server on stdin/stdout (logs on stderr).
int run_lsp(const CliOptions& cli, std::istream& in, std::ostream& out, std::ostream& err) {
  // A client that closes the pipe must not kill the server with SIGPIPE
  // mid-write: the write fails and the server ends.
  std::signal(SIGPIPE, SIG_IGN);
  // Unsynchronized streams buffer stdin themselves: faster reads, and
  // in_avail() then sees what is buffered.  Nothing was read or written yet.
  std::ios::sync_with_stdio(false);
  lsp::ServerOptions options;
  options.jobs = cli.jobs == 0 ? default_jobs() : cli.jobs;
  options.version = SELDON_LINT_VERSION;
  std::string config_path = cli.config;
  options.load_config = [config_path](const std::string& root, Config& config, std::string& error) {
    return read_configuration(config_path, root, config, error);
  };
  options.input_pending = [&in]() { return in.rdbuf()->in_avail() > 0 || stdin_readable(); };
  return lsp::run_language_server(in, out, err, options);
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

int run_lint(const CliOptions& cli, std::ostream& out, std::ostream& err) {
  Severity threshold;
  if (!fail_threshold(cli.fail_level, threshold)) {
    err << "seldon-lint: --fail-level must be error, warning, note or none\n";
    return kExitUsage;
  }
  LintOptions options;
  options.root = choose_root(cli);
  std::error_code ec;
  if (!fs::is_directory(options.root, ec)) {
    err << "seldon-lint: root '" << options.root << "' is not a directory\n";
    return kExitUsage;
  }
  if (!load_configuration(cli, options.root, options.config, err)) return kExitUsage;
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

  // Named files (a pre-commit hook's arguments): model the whole root, report
  // only findings that touch them.
  std::vector<std::string> paths = cli.paths.empty() ? std::vector<std::string>{"."} : cli.paths;
  bool file_mode = false;
  for (const auto& p : paths) {
    std::string absolute;
    if (!resolve_path(p, options.root, absolute, err)) return kExitUsage;
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
  if (options.write_baseline) {
    std::ofstream baseline_file;
    if (!open_for_writing(cli.write_baseline, baseline_file, err)) return kExitUsage;
    write_baseline(result.baseline, baseline_file);
    baseline_file.flush();
    if (!baseline_file) {
      err << "seldon-lint: cannot write " << cli.write_baseline << "\n";
      return kExitUsage;
    }
    if (!cli.quiet) {
      err << "seldon-lint: wrote " << result.baseline.entries.size() << " baseline entries to "
          << cli.write_baseline << "\n";
    }
  }

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

  std::ofstream file;
  std::ostream* sink = &out;
  if (!cli.output.empty()) {
    if (!open_for_writing(cli.output, file, err)) return kExitUsage;
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

  app_timer.mark("write");
  for (const auto& finding : report.findings) {
    if (!finding.suppressed && reaches(finding.severity, threshold)) return kExitFindings;
  }
  return kExitClean;
}

// `values [PATH] [--release NAME] [--format yaml|json]`: the model of the
// repository (no rules needed), then each release's effective values.
int show_values(CliOptions cli, std::ostream& out, std::ostream& err) {
  cli.paths = {cli.values_path.empty() ? std::string(".") : cli.values_path};
  LintOptions options;
  options.root = choose_root(cli);
  std::error_code ec;
  if (!fs::is_directory(options.root, ec)) {
    err << "seldon-lint: root '" << options.root << "' is not a directory\n";
    return kExitUsage;
  }
  if (!load_configuration(cli, options.root, options.config, err)) return kExitUsage;
  std::string absolute;
  if (!resolve_path(cli.paths.front(), options.root, absolute, err)) return kExitUsage;
  // A named file: the whole root is read, the releases it feeds are shown.
  std::string only_file;
  if (fs::is_directory(absolute, ec)) {
    options.paths = {absolute};
  } else {
    options.paths = {options.root};
    only_file = relative_to(options.root, absolute);
  }
  options.jobs = default_jobs();
  options.selection.select = {"SL001"};  // the model is what is wanted; one cheap rule runs
  LintResult result = lint(options);
  const Model& model = *result.model;

  auto in_file = [&](const Release& release) {
    if (only_file.empty()) return true;
    auto is_file = [&](const Location& l) {
      return l.known() && l.file < model.files.size() && model.files[l.file].path == only_file;
    };
    if (is_file(release.location)) return true;
    return std::any_of(release.layers.begin(), release.layers.end(), [&](const ValuesLayer& l) {
      return is_file(l.anchor) || (l.values != nullptr && is_file(l.values->location()));
    });
  };
  ValuesView view;
  view.model = &model;
  view.tool_version = SELDON_LINT_VERSION;
  std::vector<std::string> names;
  for (const auto& release : model.releases) {
    names.push_back(release.name);
    if (!cli.values_release.empty() && release.name != cli.values_release) continue;
    if (in_file(release)) view.releases.push_back(&release);
  }
  if (!cli.values_release.empty() && view.releases.empty()) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    err << "seldon-lint: no Seldon release named '" << cli.values_release << "'"
        << (names.empty() ? std::string(" (none found)")
                          : fmt::format("; releases: {}", fmt::join(names, ", ")))
        << "\n";
    return kExitUsage;
  }
  // Stable order whatever --jobs did: by the file and line that declare them.
  auto place = [&](const Release* r) {
    std::string path = r->location.known() && r->location.file < model.files.size()
                           ? model.files[r->location.file].path
                           : std::string();
    return std::make_tuple(path, r->location.range.begin.line, r->name, r->environment);
  };
  std::stable_sort(view.releases.begin(), view.releases.end(),
                   [&](const Release* a, const Release* b) { return place(a) < place(b); });
  if (cli.values_format == "json") {
    write_values_json(view, out);
  } else {
    write_values_yaml(view, out);
  }
  return kExitClean;
}

}  // namespace

// "seldon-lint 0.1.0 (commit 0123456789ab, Release build)".  JSON and SARIF
// name the plain version: they compare across builds.
static std::string version_line() {
  return fmt::format("seldon-lint {} (commit {}, {} build)", SELDON_LINT_VERSION,
                     SELDON_LINT_COMMIT, SELDON_LINT_BUILD_TYPE);
}

int run_app(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CliOptions cli;
  CLI::App app{
      "seldon-lint: a static policy linter for GitOps repositories that deploy Seldon Core 2 "
      "with Kafka.\nReads the whole repository (Helm values, Flux/Argo CD manifests, secrets, "
      "IaC), models releases, namespaces, secrets and brokers, and reports violations.",
      "seldon-lint"};
  app.set_version_flag("--version", version_line());
  app.footer(
      "Named files (as a pre-commit hook passes them): the whole repository under --root is\n"
      "still read, but only findings touching those files are reported.\n"
      "Exit codes: 0 no finding at or above --fail-level; 1 findings at or above it; 2 usage or\n"
      "configuration error, or the linter itself failed. Run `seldon-lint rules` for the rule\n"
      "list, `seldon-lint explain ID` for one rule's documentation.\n");

  app.add_option("PATH", cli.paths, "Files or directories to lint (default: .)")->type_name("");
  app.add_option("--format", cli.format,
                 "Output format: text, json, sarif (2.1.0), github (annotations) or gitlab (Code "
                 "Quality)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab"}))
      ->default_str("text");
  app.add_option("-o,--output", cli.output,
                 "Write the report to FILE instead of stdout (missing folders are created)")
      ->type_name("FILE");
  app.add_option("-c,--config", cli.config,
                 "Configuration file (default: .seldon-lint.yaml in the repository root)")
      ->type_name("FILE");
  app.add_option("--root", cli.root,
                 "Repository root for relative paths and SARIF %SRCROOT% (default: the git "
                 "top-level of the first PATH, else the current directory, or the first PATH "
                 "when it lies outside the current directory)")
      ->type_name("DIR");
  app.add_option("--fail-level", cli.fail_level, "Lowest severity that makes the exit code 1")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}))
      ->default_str("error");
  // One value per occurrence (repeatable): a list option must not swallow the PATHs after it.
  app.add_option("--select", cli.select,
                 "Run only these rules: ids, names or group prefixes like SL3 (repeatable)")
      ->type_name("ID,...")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_option("--ignore", cli.ignore, "Skip these rules: ids, names or prefixes (repeatable)")
      ->type_name("ID,...")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_option("--env", cli.env,
                 "Classify paths matching GLOB (relative to the root) into environment NAME; "
                 "before the config's environments (repeatable)")
      ->type_name("NAME=GLOB")
      ->allow_extra_args(false);
  app.add_option("--production-env", cli.production_env,
                 "Treat environment NAME as production (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--baseline", cli.baseline, "Hide findings recorded in FILE")->type_name("FILE");
  app.add_option("--write-baseline", cli.write_baseline,
                 "Record current findings in FILE (they are then hidden, like --baseline)")
      ->type_name("FILE");
  app.add_option("--diff-base", cli.diff_base,
                 "Report only findings on lines changed since the merge base with REF (git)")
      ->type_name("REF");
  app.add_option("-j,--jobs", cli.jobs, "Worker threads, 1-256 (default: hardware threads)")
      ->type_name("N")
      ->check(CLI::Range(1u, 256u));
  app.add_flag("--include-suppressed", cli.include_suppressed,
               "Also emit suppressed findings, marked as suppressed");
  app.add_flag("--no-inline-suppressions", cli.no_inline_suppressions,
               "Ignore `# seldon-lint:` comment directives");
  app.add_option("--color", cli.color,
                 "Color the text output: auto (a terminal; FORCE_COLOR/NO_COLOR decide), always "
                 "or never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  app.add_flag("--no-color", cli.no_color, "Never color the text output (--color never)");
  app.add_flag("--statistics", cli.statistics,
               "Print the number of findings per rule (after the text report; on stderr for "
               "other formats)");
  app.add_flag("--no-ignore", cli.no_ignore,
               "Also read files that .gitignore files ignore (skipped by default: CI's clone "
               "does not have them)");
  auto* no_cache = app.add_flag("--no-cache", cli.no_cache,
                                "Neither read nor write the parse cache (results are the same "
                                "either way; the cache only saves time)");
  app.add_option("--cache-dir", cli.cache_dir,
                 "Keep the parse cache in DIR (default: $XDG_CACHE_HOME/seldon-lint, else "
                 "~/.cache/seldon-lint)")
      ->type_name("DIR")
      ->excludes(no_cache);
  app.add_option("--sarif-category", cli.sarif_category,
                 "Set SARIF automationDetails.id to NAME/ (default: none, so that the upload's "
                 "category applies)")
      ->type_name("NAME");
  app.add_flag("--fix", cli.fix,
               "Apply the safe fixes (findings marked [*]) to the files, then report what is "
               "left");
  app.add_flag("--diff", cli.diff,
               "Print the fixes as a unified diff and change nothing (exit 1 when there is "
               "something to fix)");
  app.add_flag("-q,--quiet", cli.quiet, "Print findings only: no summary or messages");

  auto* rules_cmd =
      app.add_subcommand("rules", "List every rule: id, name, severity, tags, summary");
  rules_cmd->add_option("--format", cli.rules_format, "Output format: text or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  rules_cmd->footer("Exit code 0; 2 for a usage error.\n");
  auto* lsp_cmd = app.add_subcommand(
      "lsp", "Language server (LSP 3.17) on stdin/stdout for editors; logs go to stderr");
  lsp_cmd->fallthrough();  // --config, --jobs after `lsp` too
  lsp_cmd->footer(
      "Lints the whole workspace (the client's root folder) with open buffers in place of the "
      "files on disk.\nExit code 0 after shutdown and exit; 1 when the client left without "
      "shutdown.\n");
  auto* explain_cmd =
      app.add_subcommand("explain", "Full help for one rule: what, why, example, fix");
  explain_cmd->footer("Exit code 0; 2 when no rule has that id or name (with a suggestion).\n");
  explain_cmd
      ->add_option("ID|NAME", cli.explain_rule,
                   "Rule id or name (SL101, plaintext-kafka-in-production)")
      ->type_name("")
      ->required();

  auto* values_cmd = app.add_subcommand(
      "values",
      "Every Seldon release's effective values (chart defaults the linter knows merged with "
      "each values layer, in Helm's order), each leaf with the file and line that set it");
  values_cmd
      ->add_option("PATH", cli.values_path,
                   "Repository folder, or a file: the releases it feeds (default: .)")
      ->type_name("");
  values_cmd->add_option("--release", cli.values_release, "Only the release(s) named NAME")
      ->type_name("NAME");
  values_cmd->add_option("--format", cli.values_format, "Output format: yaml or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->default_str("yaml");
  values_cmd->add_option("--root", cli.root, "Repository root (default as for linting)")
      ->type_name("DIR");
  values_cmd->add_option("-c,--config", cli.config, "Configuration file")->type_name("FILE");
  values_cmd->footer(
      "Values that look like credentials are shown as <redacted>. Exit code 0; 2 for a usage "
      "error or an unknown --release.\n");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitClean;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitClean;
  } catch (const CLI::CallForVersion&) {
    out << version_line() << "\n";
    return kExitClean;
  } catch (const CLI::ParseError& e) {
    err << "seldon-lint: " << e.what() << "\nRun with --help for usage.\n";
    return kExitUsage;
  }
  try {
    if (rules_cmd->parsed()) return list_rules(cli, out);
    if (explain_cmd->parsed()) return explain(cli, out, err);
    if (values_cmd->parsed()) return show_values(cli, out, err);
    if (lsp_cmd->parsed()) return run_lsp(cli, std::cin, out, err);
    return run_lint(cli, out, err);
  } catch (const std::exception& e) {
    err << "seldon-lint: internal error: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace seldon_lint
