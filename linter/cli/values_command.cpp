// `seldon-lint values`: each Seldon release's effective values.
#include <algorithm>
#include <filesystem>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "linter/base/thread_pool.hpp"
#include "linter/cli/commands.hpp"
#include "linter/report/values_view.hpp"
#include "seldon_lint_build_info.hpp"

namespace fs = std::filesystem;

namespace seldon_lint::commands {

// `values [PATH] [--release NAME] [--format yaml|json]`: the model of the
// repository (no rules needed), then each release's effective values.
int show_values(CliOptions cli, std::ostream& out, std::ostream& err) {
  cli.paths = {cli.values_path.empty() ? std::string(".") : cli.values_path};
  LintOptions options;
  if (!open_repository(cli, options, err)) return kExitUsage;
  std::string absolute;
  if (!resolve_path(cli.paths.front(), options.root, absolute, err)) return kExitUsage;
  // A named file: the whole root is read, the releases it feeds are shown.
  std::string only_file;
  std::error_code ec;
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

}  // namespace seldon_lint::commands
