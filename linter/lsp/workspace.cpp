#include "linter/lsp/workspace.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "linter/base/path_index.hpp"
#include "linter/base/phase_timer.hpp"
#include "linter/engine/suppressions.hpp"
#include "linter/input/load.hpp"
#include "linter/input/references.hpp"
#include "linter/model/model_builder.hpp"

namespace seldon_lint::lsp {
namespace {

constexpr const char* kConfigName = ".seldon-lint.yaml";

// Points every node of `file` at `id` (its index in the new model).
void renumber(SourceFile& file, FileId id) {
  auto visit = [id](yaml::Node& node, auto& self) -> void {
    node.file = id;
    for (auto& entry : node.entries) {
      entry.key_file = id;
      self(entry.value, self);
    }
    for (auto& item : node.items) self(item, self);
  };
  for (auto& document : file.documents) visit(document.root, visit);
}

// A YAML file the prefilter skipped: read, not parsed (load_referenced_files
// parses it in a run where something references it).
bool skipped_yaml(const SourceFile& file) {
  return file.kind == FileKind::Yaml && !file.relevant && file.documents.empty() &&
         !file.text.empty();
}

bool same_references(const SourceFile& a, const SourceFile& b) {
  FileReferences from_a, from_b;
  collect_references(a, from_a);
  collect_references(b, from_b);
  return from_a.same_as(from_b);
}

// Undoes what load_referenced_files did to a skipped file in the previous run:
// whether it is parsed again depends on this run's references.
void forget_reference_parse(SourceFile& file) {
  file.documents.clear();
  file.comments.clear();
  file.relevant = false;
}

}  // namespace

bool ReferenceParses::recall(SourceFile& file, FileId id, bool documents,
                             std::vector<InputProblem>& problems) const {
  auto it = parses_.find(file.path);
  if (it == parses_.end() || !it->second[documents ? 1 : 0].present) return false;
  const Parse& parse = it->second[documents ? 1 : 0];
  file.documents = parse.documents;
  file.comments = parse.comments;
  if (parse.id != id) renumber(file, id);
  for (InputProblem problem : parse.problems) {
    problem.location.file = id;
    problems.push_back(std::move(problem));
  }
  return true;
}

void ReferenceParses::remember(const SourceFile& file, FileId id, bool documents,
                               const std::vector<InputProblem>& problems) {
  Parse& parse = parses_[file.path][documents ? 1 : 0];
  parse.present = true;
  parse.id = id;
  parse.documents = file.documents;
  parse.comments = file.comments;
  parse.problems = problems;
}

Workspace::Workspace(std::string root, ConfigLoader load_config, unsigned jobs)
    : root_(std::move(root)), load_config_(std::move(load_config)), jobs_(std::max(1u, jobs)) {
  rules_ = make_all_rules();
  reload_config();
}

std::string Workspace::relative(const std::string& absolute) const {
  if (absolute == root_) return {};
  if (root_ == "/") return absolute.size() > 1 ? absolute.substr(1) : std::string();
  if (absolute.size() <= root_.size() + 1 || absolute.compare(0, root_.size(), root_) != 0 ||
      absolute[root_.size()] != '/') {
    return {};
  }
  return absolute.substr(root_.size() + 1);
}

std::string Workspace::absolute(const std::string& relative) const {
  if (root_ == "/") return "/" + relative;
  return relative.empty() ? root_ : root_ + "/" + relative;
}

std::string Workspace::config_path() const {
  return absolute(kConfigName);
}

void Workspace::set_buffer(const std::string& absolute, std::string text) {
  auto [it, inserted] = buffers_.try_emplace(absolute);
  if (!inserted && it->second == text) return;
  it->second = std::move(text);
  // A buffer over a file on disk leaves the file list as it is.
  file_changed(absolute, inserted && !listed_on_disk(absolute));
}

void Workspace::close_buffer(const std::string& absolute) {
  if (buffers_.erase(absolute) > 0) file_changed(absolute, !listed_on_disk(absolute));
}

bool Workspace::listed_on_disk(const std::string& absolute) const {
  return !rediscover_ && on_disk_index_.count(relative(absolute)) > 0;
}

const std::string* Workspace::buffer(const std::string& absolute) const {
  auto it = buffers_.find(absolute);
  return it == buffers_.end() ? nullptr : &it->second;
}

void Workspace::file_changed(const std::string& absolute, bool created_or_deleted) {
  std::string rel = relative(absolute);
  if (rel.empty()) return;
  stale_ = true;
  if (rel == kConfigName) {
    reload_config();
    return;
  }
  dirty_.insert(rel);
  reference_parses_.forget(rel);
  // A new or vanished file, or a buffer for a file not on disk: the file list changes.
  if (created_or_deleted) rediscover_ = true;
}

void Workspace::reload_config() {
  Config fresh;
  std::string error;
  if (load_config_ && !load_config_(root_, fresh, error)) {
    // Keep linting with the defaults, and say why (a diagnostic on the file).
    config_error_ = error;
    fresh = Config{};
  } else {
    config_error_.clear();
  }
  config_ = std::move(fresh);
  selection_ = RuleSelection{};
  for (const auto& [rule, severity] : config_.rule_severity) selection_.severity[rule] = severity;
  // Environments, ignore globs and release globs may all have changed: read everything again.
  cache_.clear();
  reference_parses_.clear();
  model_reuse_.clear();
  rediscover_ = true;
  stale_ = true;
}

std::vector<DiscoveredFile> Workspace::discover() {
  if (rediscover_) {
    DiscoveryOptions options;
    options.root = root_;
    options.paths = {root_};
    options.ignore = config_.ignore;
    options.jobs = jobs_;
    on_disk_ = discover_files(options);
    on_disk_index_.clear();
    for (size_t i = 0; i < on_disk_.size(); ++i) on_disk_index_[on_disk_[i].relative] = i;
    rediscover_ = false;
  }
  std::vector<DiscoveredFile> files = on_disk_;
  std::set<std::string> seen;
  for (auto& file : files) {
    seen.insert(file.absolute);
    if (const std::string* text = buffer(file.absolute)) {
      file.content = text;
      file.problem.clear();
    }
  }
  // Buffers of files not on disk (yet): read like any other file of their kind.
  std::vector<MemoryFile> unsaved;
  for (const auto& [path, text] : buffers_) {
    std::string rel = relative(path);
    if (!rel.empty() && seen.count(path) == 0) unsaved.push_back(MemoryFile{rel, {}});
  }
  for (auto& file : discover_memory_files(unsaved, config_.ignore)) {
    file.absolute = absolute(file.relative);
    file.content = buffer(file.absolute);
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(), [](const DiscoveredFile& a, const DiscoveredFile& b) {
    return a.relative < b.relative;
  });
  return files;
}

// Moves the unchanged files out of the previous model and reads only the
// others; returns the new model with its files and their own problems.
std::unique_ptr<Model> Workspace::load(const std::vector<DiscoveredFile>& files, LintStats& stats) {
  EnvironmentRules environments;
  environments.globs = config_.environments.globs;
  InputOptions input;
  input.jobs = jobs_;

  std::vector<DiscoveredFile> to_read;
  for (const auto& file : files) {
    if (dirty_.count(file.relative) > 0 || cache_.count(file.relative) == 0 || !model_) {
      to_read.push_back(file);
    }
  }
  Model fresh;
  load_files(to_read, environments, input, fresh);
  stats.reparsed = to_read.size();
  std::unordered_map<std::string_view, FileId> fresh_ids;
  for (FileId id = 0; id < fresh.files.size(); ++id) fresh_ids.emplace(fresh.files[id].path, id);
  std::vector<std::vector<InputProblem>> fresh_problems(fresh.files.size());
  for (auto& problem : fresh.problems) {
    fresh_problems[problem.location.file].push_back(std::move(problem));
  }

  auto model = std::make_unique<Model>();
  model->files.reserve(files.size());
  std::unordered_map<std::string, CachedFile> cache;
  for (const auto& discovered : files) {
    const std::string& path = discovered.relative;
    CachedFile entry;
    SourceFile file;
    auto reused = cache_.find(path);
    auto read = fresh_ids.find(path);
    if (read != fresh_ids.end()) {
      file = std::move(fresh.files[read->second]);
      entry.problems = std::move(fresh_problems[read->second]);
    } else if (reused != cache_.end() && dirty_.count(path) == 0 && model_) {
      if (reused->second.id == kNoFile) {
        cache.emplace(path, std::move(reused->second));
        continue;  // still not an input
      }
      file = std::move(model_->files[reused->second.id]);
      entry = std::move(reused->second);
      if (entry.skipped) forget_reference_parse(file);
    } else {
      cache.emplace(path, CachedFile{});  // read, and not an input
      continue;
    }
    FileId id = static_cast<FileId>(model->files.size());
    bool moved = read == fresh_ids.end() ? entry.id != id : read->second != id;
    if (moved) renumber(file, id);
    for (auto& problem : entry.problems) {
      problem.location.file = id;
      model->problems.push_back(problem);
    }
    entry.id = id;
    entry.skipped = skipped_yaml(file);
    model->files.push_back(std::move(file));
    cache.emplace(path, std::move(entry));
  }
  cache_ = std::move(cache);
  dirty_.clear();
  return model;
}

void Workspace::run_pipeline(Model& model) {
  InputOptions input;
  input.jobs = jobs_;
  std::vector<std::string> release_globs;
  for (const auto& release : config_.releases) {
    release_globs.insert(release_globs.end(), release.values.begin(), release.values.end());
  }
  PhaseTimer timer("lsp ");
  own_problems_ = model.problems;
  const PathIndex paths(model.files);  // for the reference rounds and the model phase
  load_referenced_files(release_globs, input, model, paths, &reference_parses_);
  referenced_problems_.assign(
      model.problems.begin() + static_cast<std::ptrdiff_t>(own_problems_.size()),
      model.problems.end());
  timer.mark("referenced");
  if (config_.production) model.settings.production_environments = *config_.production;
  model.settings.logs_namespace = config_.logs_namespace;
  build_model(model, config_, &model_reuse_, jobs_, &paths);
  timer.mark("model");
  files_with_directives_.clear();
  for (FileId id = 0; id < model.files.size(); ++id) {
    if (may_hold_directives(model.files[id])) files_with_directives_.push_back(id);
  }
  run_rules_and_suppressions(model);
}

void Workspace::run_rules_and_suppressions(Model& model) {
  PhaseTimer timer("lsp ");
  std::vector<Finding> findings = run_rules(model, rules_, selection_, jobs_);
  timer.mark("rules");
  sort_findings(findings, model);
  assign_fingerprints(findings, model);
  SuppressionOptions suppressions;
  suppressions.files_with_directives = &files_with_directives_;
  apply_suppressions(findings, model, rules_, selection_, suppressions);
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [](const Finding& f) { return f.suppressed; }),
                 findings.end());
  sort_findings(findings, model);
  timer.mark("suppress");
  findings_ = std::move(findings);
}

// The fast path: only files that cannot change the object phase of the model
// (ModelReuse::reusable) changed, and each references what it referenced
// before, so the referenced files load as before.  Reads and parses them,
// puts them in place in model_ and rebuilds the releases.  False (and
// nothing changed) when that does not hold.
bool Workspace::relint_in_place(LintStats& stats) {
  if (!model_ || model_reuse_.empty() || rediscover_ || dirty_.empty()) return false;
  std::vector<DiscoveredFile> to_read;
  std::vector<FileId> ids;
  for (const auto& path : dirty_) {
    auto cached = cache_.find(path);
    auto listed = on_disk_index_.find(path);
    if (cached == cache_.end() || cached->second.id == kNoFile || cached->second.skipped ||
        listed == on_disk_index_.end()) {
      return false;
    }
    DiscoveredFile file = on_disk_[listed->second];
    if (const std::string* text = buffer(file.absolute)) {
      file.content = text;
      file.problem.clear();
    }
    to_read.push_back(std::move(file));
    ids.push_back(cached->second.id);
  }
  PhaseTimer timer("lsp ");
  EnvironmentRules environments;
  environments.globs = config_.environments.globs;
  InputOptions input;
  input.jobs = 1;
  Model fresh;
  load_files(to_read, environments, input, fresh);
  if (fresh.files.size() != to_read.size()) return false;
  for (size_t i = 0; i < ids.size(); ++i) {
    const SourceFile& now = fresh.files[i];
    const SourceFile& before = model_->files[ids[i]];
    if (now.path != before.path || now.kind != before.kind || skipped_yaml(now) ||
        !model_reuse_.reusable(ids[i], now) || !same_references(before, now)) {
      return false;
    }
  }
  timer.mark("read+parse");
  // Committed: the changed files replace their previous parse.
  std::vector<std::vector<InputProblem>> problems(ids.size());
  for (auto& problem : fresh.problems) {
    problems[problem.location.file].push_back(std::move(problem));
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    FileId id = ids[i];
    renumber(fresh.files[i], id);
    for (auto& problem : problems[i]) problem.location.file = id;
    model_->files[id] = std::move(fresh.files[i]);
    auto listed =
        std::lower_bound(files_with_directives_.begin(), files_with_directives_.end(), id);
    bool was_listed = listed != files_with_directives_.end() && *listed == id;
    if (may_hold_directives(model_->files[id]) && !was_listed) {
      files_with_directives_.insert(listed, id);
    } else if (!may_hold_directives(model_->files[id]) && was_listed) {
      files_with_directives_.erase(listed);
    }
    CachedFile& entry = cache_[to_read[i].relative];
    entry.problems = problems[i];
  }
  // Own problems stay in file order, then the referenced files' (unchanged).
  std::vector<InputProblem> own;
  own.reserve(own_problems_.size());
  auto changed = [&](FileId id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
  std::vector<FileId> order = ids;
  std::sort(order.begin(), order.end());
  size_t next = 0;
  auto add_changed_before = [&](FileId limit) {
    for (; next < order.size() && order[next] < limit; ++next) {
      const auto& list =
          problems[size_t(std::find(ids.begin(), ids.end(), order[next]) - ids.begin())];
      own.insert(own.end(), list.begin(), list.end());
    }
  };
  for (const auto& problem : own_problems_) {
    add_changed_before(problem.location.file);
    if (!changed(problem.location.file)) own.push_back(problem);
  }
  add_changed_before(kNoFile);
  own_problems_ = std::move(own);
  model_->problems = own_problems_;
  model_->problems.insert(model_->problems.end(), referenced_problems_.begin(),
                          referenced_problems_.end());
  dirty_.clear();
  stats.reparsed = ids.size();
  stats.in_place = true;
  rebuild_model(*model_, config_, model_reuse_, ids);
  timer.mark("model (in place)");
  run_rules_and_suppressions(*model_);
  return true;
}

LintStats Workspace::lint() {
  LintStats stats;
  if (!stale_ && model_) return stats;
  auto start = std::chrono::steady_clock::now();
  PhaseTimer timer("lsp ");
  try {
    if (relint_in_place(stats)) {
      stale_ = false;
      stats.files = model_->files.size();
      stats.milliseconds =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      return stats;
    }
    std::vector<DiscoveredFile> files = discover();
    timer.mark("discover");
    std::unique_ptr<Model> model = load(files, stats);
    timer.mark("read+parse");
    run_pipeline(*model);
    model_ = std::move(model);
  } catch (...) {
    // load() moved files out of the previous model: nothing kept is
    // trustworthy now.  Start over (everything is read again next time).
    model_.reset();
    model_reuse_.clear();
    findings_.clear();
    cache_.clear();
    reference_parses_.clear();
    dirty_.clear();
    rediscover_ = true;
    stale_ = false;  // a change makes it stale again; do not retry in a loop
    throw;
  }
  stale_ = false;
  stats.files = model_->files.size();
  stats.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace seldon_lint::lsp
