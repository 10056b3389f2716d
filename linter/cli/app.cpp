// The command line (interfaces.md "Command line"): its options and
// subcommands, parsed with CLI11 and handed to the commands in *_command.cpp.
#include "linter/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include <fmt/format.h>

#include "linter/cli/commands.hpp"
#include "seldon_lint_build_info.hpp"

namespace seldon_lint {

using commands::kExitClean;
using commands::kExitUsage;

// "seldon-lint 0.1.0 (commit 0123456789ab, Release build)".  JSON and SARIF
// name the plain version: they compare across builds.
static std::string version_line() {
  return fmt::format("seldon-lint {} (commit {}, {} build)", SELDON_LINT_VERSION,
                     SELDON_LINT_COMMIT, SELDON_LINT_BUILD_TYPE);
}

int run_app(int argc, char** argv, std::ostream& out, std::ostream& err,
            std::shared_ptr<void>* keep) {
  commands::CliOptions cli;
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
    if (rules_cmd->parsed()) return commands::list_rules(cli, out);
    if (explain_cmd->parsed()) return commands::explain(cli, out, err);
    if (values_cmd->parsed()) return commands::show_values(cli, out, err);
    if (lsp_cmd->parsed()) return commands::run_lsp(cli, std::cin, out, err);
    return commands::run_lint(cli, out, err, keep);
  } catch (const std::exception& e) {
    err << "seldon-lint: internal error: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace seldon_lint
