// Reads and parses every discovered file in parallel: size/binary/UTF-8
// checks (SL002), a byte-level prefilter, one YAML parse per file (SL001).
#pragma once

#include <vector>

#include "linter/input/discovery.hpp"
#include "linter/input/environment.hpp"
#include "linter/input/file_cache.hpp"
#include "linter/input/references.hpp"
#include "linter/parse/yaml_parser.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

class PathIndex;

struct InputOptions {
  unsigned jobs = 1;
  size_t max_file_bytes = size_t{10} * 1024 * 1024;
  YamlLimits limits;
  // Set: YAML files come from and go to the persistent cache (file_cache.hpp).
  CacheRun* cache = nullptr;
  // A one-shot lint: a YAML file's text is let go once it is parsed (and,
  // after load_referenced_files, whether parsed or not) and read again from
  // disk if something asks for it (a code frame, a fix), as a cached file's
  // is.  The model works on the parses; the texts were 37 MB of the 712 MB
  // peak at 190,000 files.  Not for files given in memory, nor for the
  // language server, which keeps its files.
  bool release_texts = false;
  std::string root;  // absolute; where release_texts finds a file again
};

// True when a YAML file can matter to some rule (names Seldon, Kafka, a
// secret, Event Hubs, ...).  Other files are only checked for syntax.
bool may_matter(std::string_view relative_path, std::string_view text);

// Fills model.files (in discovery order) and model.problems.
void load_files(const std::vector<DiscoveredFile>& discovered, const EnvironmentRules& environments,
                const InputOptions& options, Model& model);

// Keeps the parses load_referenced_files makes for a caller that lints the
// same files again (the language server): an unchanged file referenced again
// is not parsed again.  `recall` is called from worker threads (it must only
// read), `remember` from the calling thread after each round.
class ReferencedParseMemo {
 public:
  virtual ~ReferencedParseMemo() = default;
  // Fills `file` (documents, comments) and `problems` (for file `id`) with an
  // earlier parse of the same bytes read as `documents` (else syntax only).
  virtual bool recall(SourceFile& file, FileId id, bool documents,
                      std::vector<InputProblem>& problems) const = 0;
  virtual void remember(const SourceFile& file, FileId id, bool documents,
                        const std::vector<InputProblem>& problems) = 0;
};

// After load_files: parses the files the prefilter skipped that a parsed file
// references (linter/input/references.hpp) or that match `extra_globs` (the
// config's `releases` values), following references of references a bounded
// number of rounds.  Their SL001/SL002 are reported like any other file's.
void load_referenced_files(const std::vector<std::string>& extra_globs, const InputOptions& options,
                           Model& model, ReferencedParseMemo* memo = nullptr);
// The same, with the caller's index of model.files' paths (the model phase
// needs one too; building it takes about 5 ms at 50,000 files).
void load_referenced_files(const std::vector<std::string>& extra_globs, const InputOptions& options,
                           Model& model, const PathIndex& paths,
                           ReferencedParseMemo* memo = nullptr);

}  // namespace seldon_lint
