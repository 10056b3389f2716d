// The language server's view of the repository: every file under the
// workspace root, with the buffers the editor has open replacing the bytes on
// disk, linted as one model (cross-file findings need the whole repository).
//
// Incremental: each file's read-and-parse result is kept between runs; a run
// re-reads and re-parses only the files that changed (an edited buffer, a
// file the client reported changed on disk).  When the changed files cannot
// change the object phase of the model (values files: no objects, not a
// kustomization, not placed or read by one) and reference the same files as
// before, the model is updated in place: the referenced-file loading, the
// Kustomize layout and build and the objects are kept, only the releases are
// built again (model_builder.hpp, ModelReuse).  Otherwise the model is built
// again from the kept parses.  Every rule runs again either way.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "linter/engine/engine.hpp"
#include "linter/input/config.hpp"
#include "linter/input/discovery.hpp"
#include "linter/input/load.hpp"
#include "linter/model/model_builder.hpp"
#include "seldon_lint/finding.hpp"
#include "seldon_lint/model.hpp"
#include "seldon_lint/rule.hpp"

namespace seldon_lint::lsp {

// Loads the configuration for `root` (its .seldon-lint.yaml, if any) into
// `out`; false with a "FILE:LINE: message" error when it is invalid.  The CLI
// provides it (the configuration file reader lives in the CLI stage).
using ConfigLoader = std::function<bool(const std::string& root, Config& out, std::string& error)>;

struct LintStats {
  size_t files = 0;       // files in the model
  size_t reparsed = 0;    // files read and parsed in this run
  bool in_place = false;  // the object phase of the model was kept
  double milliseconds = 0;
};

// The parses of files that are read only because something references them
// (load_referenced_files), kept per path until the file changes.
class ReferenceParses : public ReferencedParseMemo {
 public:
  bool recall(SourceFile& file, FileId id, bool documents,
              std::vector<InputProblem>& problems) const override;
  void remember(const SourceFile& file, FileId id, bool documents,
                const std::vector<InputProblem>& problems) override;
  void forget(const std::string& path) { parses_.erase(path); }
  void clear() { parses_.clear(); }

 private:
  struct Parse {
    bool present = false;
    FileId id = kNoFile;  // the file's id when parsed (nodes carry it)
    std::vector<yaml::Document> documents;
    std::vector<yaml::Comment> comments;
    std::vector<InputProblem> problems;
  };
  std::unordered_map<std::string, Parse[2]> parses_;  // [0] syntax only, [1] documents
};

class Workspace {
 public:
  Workspace(std::string root, ConfigLoader load_config, unsigned jobs);

  const std::string& root() const { return root_; }
  // "relative/path" of an absolute path under the root; empty when outside.
  std::string relative(const std::string& absolute) const;
  std::string absolute(const std::string& relative) const;

  // Editor buffers (absolute paths): their text replaces the file on disk.
  void set_buffer(const std::string& absolute, std::string text);
  void close_buffer(const std::string& absolute);
  const std::string* buffer(const std::string& absolute) const;

  // A file changed, appeared or vanished on disk (or its buffer changed).
  // The configuration file reloads the configuration.
  void file_changed(const std::string& absolute, bool created_or_deleted);
  void reload_config();

  bool stale() const { return stale_; }
  // Runs the pipeline when something changed since the last run.
  LintStats lint();

  // The last run's results (model and rules stay valid until the next lint()).
  const Model* model() const { return model_.get(); }
  const std::vector<Finding>& findings() const { return findings_; }
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  const Config& config() const { return config_; }
  // The configuration error of the last reload ("FILE:LINE: message"), if any.
  const std::string& config_error() const { return config_error_; }
  std::string config_path() const;

 private:
  struct CachedFile {
    FileId id = kNoFile;  // in model_; kNoFile: not an input (JSON that is no ARM template)
    std::vector<InputProblem> problems;  // its own SL001/SL002 (ids as in model_)
    bool skipped = false;                // read but not parsed: a later reference parses it per run
  };

  // In the last discovery (and no rediscovery is due).
  bool listed_on_disk(const std::string& absolute) const;
  std::vector<DiscoveredFile> discover();
  std::unique_ptr<Model> load(const std::vector<DiscoveredFile>& files, LintStats& stats);
  void run_pipeline(Model& model);
  bool relint_in_place(LintStats& stats);
  void run_rules_and_suppressions(Model& model);

  std::string root_;
  ConfigLoader load_config_;
  unsigned jobs_;
  Config config_;
  std::string config_error_;
  RuleSelection selection_;
  std::map<std::string, std::string> buffers_;             // absolute path -> text
  std::vector<DiscoveredFile> on_disk_;                    // discovery result (without buffers)
  std::unordered_map<std::string, size_t> on_disk_index_;  // relative path -> on_disk_ index
  bool rediscover_ = true;
  std::set<std::string> dirty_;  // relative paths to read and parse again
  std::unordered_map<std::string, CachedFile> cache_;
  ReferenceParses reference_parses_;
  bool stale_ = true;
  std::unique_ptr<Model> model_;
  // The last full build's problems before the model phase: each file's own
  // (in file order), then those of files read because something references them.
  std::vector<InputProblem> own_problems_;
  std::vector<InputProblem> referenced_problems_;
  ModelReuse model_reuse_;                     // the object phase of model_
  std::vector<FileId> files_with_directives_;  // of model_, in id order
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<Finding> findings_;
};

}  // namespace seldon_lint::lsp
