// The command line's subcommands: the options run_app parses into, and one
// entry point per subcommand (lint, rules, explain, values, lsp) with the
// set-up they share (the repository root, PATHs, the configuration).
#pragma once

#include <fstream>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "linter/cli/lint.hpp"
#include "seldon_lint/rule.hpp"

namespace seldon_lint::commands {

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

// command_setup.cpp: what every command that reads the repository shares.

// The path made absolute and normal, without a trailing '/'.
std::string absolute_normal(const std::string& path);
// --root, else the git top-level of the first PATH, else the current directory.
std::string choose_root(const CliOptions& cli);
// A PATH as an absolute path spelled under `root`; false (with the reason on
// `err`) when it does not exist or lies outside the root.
bool resolve_path(const std::string& path, const std::string& root, std::string& out,
                  std::ostream& err);
// --output/--write-baseline FILE, creating missing folders; false with the reason.
bool open_for_writing(const std::string& path, std::ofstream& file, std::ostream& err);
// The configuration at `path` (empty: `root`/.seldon-lint.yaml when it exists);
// false with "FILE:LINE: message" in `error`.
bool read_configuration(std::string path, const std::string& root, Config& config,
                        std::string& error);
// Sets options.root (choose_root) and options.config; false (usage error,
// reason on `err`) when the root is not a folder or the configuration is invalid.
bool open_repository(const CliOptions& cli, LintOptions& options, std::ostream& err);

// rules_command.cpp: `rules`, `explain` and checking rule names.

int list_rules(const CliOptions& cli, std::ostream& out);
int explain(const CliOptions& cli, std::ostream& out, std::ostream& err);
// A hint for an unknown rule: the closest id or name; empty when none is close.
std::string rule_hint(const std::vector<std::unique_ptr<Rule>>& rules, const std::string& wanted);
// Unknown rule ids in --select/--ignore are usage errors (reason on `err`).
bool check_selectors(const std::vector<std::unique_ptr<Rule>>& rules,
                     const std::vector<std::string>& selectors, const std::string& what,
                     std::ostream& err);

// lint_command.cpp: the default command (`keep`: see run_app).
int run_lint(const CliOptions& cli, std::ostream& out, std::ostream& err,
             std::shared_ptr<void>* keep = nullptr);
// values_command.cpp
int show_values(CliOptions cli, std::ostream& out, std::ostream& err);
// lsp_command.cpp
int run_lsp(const CliOptions& cli, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace seldon_lint::commands
