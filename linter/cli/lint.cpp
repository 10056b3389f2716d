#include "linter/cli/lint.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "linter/base/path_index.hpp"
#include "linter/base/phase_timer.hpp"
#include "linter/engine/suppressions.hpp"
#include "linter/input/discovery.hpp"
#include "linter/input/file_cache.hpp"
#include "linter/input/load.hpp"
#include "linter/model/model_builder.hpp"

namespace seldon_lint {
namespace {

namespace fs = std::filesystem;

// A PATH may mix files and folders: a finding counts when it touches a named
// file or lies under a named folder ("" is the root itself).
bool touches(const Finding& finding, const Model& model, const std::set<std::string>& files,
             const std::vector<std::string>& dirs) {
  auto in_set = [&](const Location& location) {
    if (!location.known()) return false;
    const std::string& path = model.files[location.file].path;
    if (files.count(path) > 0) return true;
    return std::any_of(dirs.begin(), dirs.end(), [&](const std::string& dir) {
      return dir.empty() || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                             path[dir.size()] == '/');
    });
  };
  if (in_set(finding.location)) return true;
  return std::any_of(finding.related.begin(), finding.related.end(),
                     [&](const RelatedLocation& r) { return in_set(r.location); });
}

bool on_changed_line(const Finding& finding, const Model& model, const ChangedLines& changed) {
  auto changed_here = [&](const Location& location) {
    return location.known() &&
           changed.contains(model.files[location.file].path, location.range.begin.line);
  };
  if (changed_here(finding.location)) return true;
  return std::any_of(finding.related.begin(), finding.related.end(),
                     [&](const RelatedLocation& r) { return changed_here(r.location); });
}

// An unmatched baseline entry is stale when its rule ran and its file was
// linted (or no longer exists); entries for paths outside this run are kept.
bool stale_candidate(const BaselineEntry& entry, const LintOptions& options,
                     const std::set<std::string>& linted, const LintResult& result,
                     const RuleSelection& selection) {
  const RuleInfo* rule = find_rule(result.rules, entry.rule);
  if (rule != nullptr && effective_severity(*rule, selection) == Severity::Off) return false;
  if (entry.file.empty() || linted.count(entry.file) > 0) return true;
  std::error_code ec;
  return !std::filesystem::exists(std::filesystem::path(options.root) / entry.file, ec);
}

void count(Summary& summary, const Finding& finding) {
  if (finding.suppressed) {
    ++summary.suppressed;
    return;
  }
  ++summary.findings;
  switch (finding.severity) {
    case Severity::Error:
      ++summary.errors;
      break;
    case Severity::Warning:
      ++summary.warnings;
      break;
    default:
      ++summary.notes;
      break;
  }
}

// The repository root as one spelling: `--root .` inside the repository and
// `--root /abs/repo` outside it share one cache (the records are keyed by
// root-relative paths, which the two spellings give alike).
std::string canonical_root(const std::string& root) {
  std::error_code ec;
  fs::path absolute = fs::absolute(root.empty() ? "." : root, ec);
  if (ec) return root;
  fs::path real = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal().string() : real.string();
}

// Everything a cached parse depends on besides the file's bytes.
std::string cache_identity(const LintOptions& options, const std::string& root,
                           const InputOptions& input) {
  const YamlLimits& l = input.limits;
  return fmt::format("{}\nroot {}\nmax file bytes {}\nlimits {} {} {} {} {} {}",
                     options.cache_identity, root, input.max_file_bytes, l.max_nodes, l.max_depth,
                     l.max_block_depth, l.max_parse_operations_per_byte, l.min_parse_operations,
                     l.timeout_ms);
}

int64_t wall_clock_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The persistent cache for one run: read while discovery runs, written
// while the model and the rules run.  A cache that cannot be read or written
// only costs speed: the run's results never depend on it.
class CacheSession {
 public:
  CacheSession(const LintOptions& options, InputOptions& input)
      : timing_(std::getenv("SELDON_LINT_TIMING") != nullptr) {
    if (options.cache_dir.empty() || options.memory_files != nullptr) return;
    std::string root = canonical_root(options.root);
    cache_ = std::make_unique<FileCache>(cache_file_for_root(options.cache_dir, root),
                                         cache_identity(options, root, input));
    run_.started_ns = wall_clock_ns();
    input.cache = &run_;
    std::error_code ignored;
    file_found_ = fs::exists(cache_->path(), ignored);
    reader_ = std::thread([this] {
      try {
        cache_->load(problem_);
      } catch (const std::exception& error) {
        problem_ = error.what();
      }
    });
  }
  CacheSession(const CacheSession&) = delete;
  CacheSession& operator=(const CacheSession&) = delete;
  ~CacheSession() {
    if (reader_.joinable()) reader_.join();
    if (writer_.joinable()) writer_.join();
  }

  // Whether there is a cache file whose records may be used: then every
  // file's stat is compared with its record's.
  bool file_found() const { return file_found_; }

  // Before loading files: the records read.
  void wait_for_records() {
    if (!reader_.joinable()) return;
    reader_.join();
    run_.previous = cache_.get();
    if (timing_) {
      std::fprintf(stderr, "seldon-lint: cache %s: %zu records%s%s\n", cache_->path().c_str(),
                   cache_->size(), problem_.empty() ? "" : ", not used: ", problem_.c_str());
    }
  }

  // After loading files: writes the new records in the background.
  void save(const Model& model, const LintOptions& options) {
    if (cache_ == nullptr) return;
    if (timing_) {
      std::fprintf(stderr, "seldon-lint: cache: %zu unchanged, %zu confirmed by hash, %zu parsed\n",
                   run_.hits.load(), run_.confirmed.load(), run_.parsed.load());
    }
    // Nothing to write: no copy of every path, no thread beside the model.
    if (cache_unchanged(*cache_, run_)) return;
    std::vector<std::string> paths;
    paths.reserve(model.files.size());
    for (const auto& file : model.files) paths.push_back(file.path);
    std::vector<std::string> walked;
    for (const auto& path : options.paths) walked.push_back(relative_to(options.root, path));
    writer_ = std::thread([this, paths = std::move(paths), walked = std::move(walked)] {
      auto start = std::chrono::steady_clock::now();
      bool saved = false;
      try {
        saved = save_cache(*cache_, run_, paths, walked);
      } catch (const std::exception&) {
        // Not written: the next run parses again.
      }
      if (timing_) {  // in the background: this is CPU taken beside the model and the rules
        std::fprintf(
            stderr, "seldon-lint: cache save in the background: %.1f ms%s\n",
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count(),
            saved ? "" : ", failed (the next run parses again)");
      }
    });
  }

 private:
  bool timing_;
  std::unique_ptr<FileCache> cache_;
  bool file_found_ = false;
  CacheRun run_;
  std::string problem_;
  std::thread reader_;
  std::thread writer_;
};

}  // namespace

LintResult lint(const LintOptions& options) {
  LintResult result;
  result.model = std::make_unique<Model>();
  Model& model = *result.model;
  result.rules = make_all_rules();

  EnvironmentRules environments = options.extra_environments;
  for (const auto& entry : options.config.environments.globs) environments.globs.push_back(entry);

  DiscoveryOptions discovery;
  discovery.root = options.root;
  discovery.paths = options.paths;
  discovery.ignore = options.config.ignore;
  discovery.gitignore = options.gitignore;
  discovery.jobs = options.jobs;
  PhaseTimer timer;
  InputOptions input;
  input.jobs = options.jobs;
  input.release_texts = options.memory_files == nullptr && !options.keep_texts;
  input.root = options.root;
  CacheSession cache(options, input);
  discovery.stamp_files = cache.file_found();
  auto discovered = options.memory_files != nullptr
                        ? discover_memory_files(*options.memory_files, discovery.ignore)
                        : discover_files(discovery);
  timer.mark("discover");
  cache.wait_for_records();

  load_files(discovered, environments, input, model);
  // The model has its own copy of every path: the list is freed before the
  // model phase reaches the run's peak memory (tens of megabytes on a big
  // repository; memory the model phase then reuses instead of fresh pages).
  std::vector<DiscoveredFile>().swap(discovered);
  timer.mark("read+parse");
  // Files a release, kustomization or values source names are parsed
  // whatever the prefilter said: the model never parses.
  std::vector<std::string> release_globs;
  for (const auto& release : options.config.releases) {
    release_globs.insert(release_globs.end(), release.values.begin(), release.values.end());
  }
  // One index of the paths for the reference rounds and the model phase.
  const PathIndex paths(model.files);
  load_referenced_files(release_globs, input, model, paths);
  cache.save(model, options);
  timer.mark("referenced");

  if (options.config.production)
    model.settings.production_environments = *options.config.production;
  for (const auto& env : options.extra_production)
    model.settings.production_environments.insert(env);
  model.settings.logs_namespace = options.config.logs_namespace;
  result.model_state = std::make_unique<ModelReuse>(ModelReuse::Use::KeepAlive);
  build_model(model, options.config, result.model_state.get(), options.jobs, &paths);
  timer.mark("model");

  RuleSelection selection = options.selection;
  for (const auto& [rule, severity] : options.config.rule_severity)
    selection.severity[rule] = severity;
  std::vector<Finding> findings = run_rules(model, result.rules, selection, options.jobs);
  timer.mark("rules");
  sort_findings(findings, model);
  assign_fingerprints(findings, model);

  // Suppressions and baselines see every finding of the whole repository;
  // the diff and file filters below only narrow what is reported.
  SuppressionOptions suppression;
  suppression.inline_suppressions = options.inline_suppressions;
  suppression.today = options.today;
  apply_suppressions(findings, model, result.rules, selection, suppression);
  sort_findings(findings, model);
  assign_fingerprints(findings, model);

  if (options.write_baseline) {
    result.baseline = make_baseline(findings, model);
    apply_baseline(result.baseline, findings, model, [](const BaselineEntry&) { return false; });
  } else if (options.baseline != nullptr) {
    std::set<std::string> linted;
    for (const auto& file : model.files) linted.insert(file.path);
    BaselineOutcome outcome =
        apply_baseline(*options.baseline, findings, model, [&](const BaselineEntry& entry) {
          return stale_candidate(entry, options, linted, result, selection);
        });
    if (outcome.stale > 0) {
      result.notes.push_back(
          outcome.stale == 1 ? "1 baseline entry is stale; rewrite with --write-baseline"
                             : std::to_string(outcome.stale) +
                                   " baseline entries are stale; rewrite with --write-baseline");
    }
  }

  const ChangedLines* changed = options.changed;
  if (changed == nullptr && options.await_changed) {
    changed = options.await_changed();
    if (changed == nullptr) {
      result.changed_lines_failed = true;
      return result;
    }
  }
  if (changed != nullptr) {
    findings.erase(
        std::remove_if(findings.begin(), findings.end(),
                       [&](const Finding& f) { return !on_changed_line(f, model, *changed); }),
        findings.end());
  }
  if (!options.only_files.empty()) {
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [&](const Finding& f) {
                                    return !touches(f, model, options.only_files,
                                                    options.only_dirs);
                                  }),
                   findings.end());
  }

  result.summary.files = model.files.size();
  for (const auto& finding : findings) count(result.summary, finding);
  if (!options.include_suppressed) {
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [](const Finding& f) { return f.suppressed; }),
                   findings.end());
  }
  result.findings = std::move(findings);
  timer.mark("finish");
  return result;
}

}  // namespace seldon_lint
