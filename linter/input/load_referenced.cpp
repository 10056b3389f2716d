// Files the prefilter skipped that something references (value files,
// kustomization resources and patches, valuesFrom objects): parsed anyway,
// round by round, with their SL001/SL002 reported like any file's.
#include "linter/input/load.hpp"
#include "linter/input/load_internal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <system_error>

#include "linter/base/glob.hpp"
#include "linter/base/hash.hpp"
#include "linter/base/path_index.hpp"
#include "linter/base/repo_path.hpp"
#include "linter/base/text.hpp"
#include "linter/base/thread_pool.hpp"
#include "linter/parse/iac.hpp"

namespace seldon_lint {

using namespace load_internal;

namespace {

// How many rounds of "a file parsed because it is referenced references
// another" are followed: kustomization overlays nest a few levels deep.
constexpr int kMaxReferenceDepth = 8;

// A YAML file the prefilter skipped (read, not parsed).
bool skipped_yaml(const SourceFile& file) {
  return file.kind == FileKind::Yaml && !file.relevant && file.documents.empty() &&
         !file.text.empty();
}

// A skipped file that may define one of the ConfigMaps/Secrets a Flux object names.
// A cached file's record says whether its text names either kind, so that
// the text of most files is not read for this.
bool may_define_object(const SourceFile& file, const CacheRecord* record,
                       const std::set<std::string>& names) {
  if (record != nullptr && !record->has(CacheRecord::MentionsObjects)) return false;
  if (file.text.find("ConfigMap") == std::string::npos &&
      file.text.find("Secret") == std::string::npos) {
    return false;
  }
  for (const auto& name : names) {
    if (file.text.find(name) != std::string::npos) return true;
  }
  return false;
}

bool already_reported(const Model& model, const InputProblem& problem) {
  return std::any_of(model.problems.begin(), model.problems.end(), [&](const InputProblem& p) {
    return p.location.file == problem.location.file && p.rule_id == problem.rule_id &&
           p.message == problem.message;
  });
}

enum class Reading : char { None, SyntaxOnly, Documents };

// How deeply each file (by id) was read by a round so far.
using Readings = std::vector<Reading>;

// How each file that `references` name is read, in file order; only files
// the prefilter skipped and that no earlier round read as deeply appear.
std::vector<std::pair<FileId, Reading>> files_to_parse(const Model& model,
                                                       const FileReferences& references,
                                                       const PathIndex& by_path,
                                                       const Readings& done,
                                                       const CacheRun* cache) {
  Readings found(model.files.size(), Reading::None);
  auto want = [&](FileId id, Reading reading) { found[id] = std::max(found[id], reading); };
  auto want_path = [&](const std::string& path, Reading reading) {
    if (FileId id = by_path.find(path); id != kNoFile) want(id, reading);
  };
  for (const auto& path : references.paths) want_path(path, Reading::Documents);
  for (const auto& path : references.syntax_only) want_path(path, Reading::SyntaxOnly);
  if (!references.globs.empty() || !references.object_names.empty()) {
    for (FileId id = 0; id < model.files.size(); ++id) {
      const SourceFile& file = model.files[id];
      if (!skipped_yaml(file)) continue;
      bool named =
          std::any_of(references.globs.begin(), references.globs.end(),
                      [&](const std::string& glob) { return glob_match(glob, file.path); });
      const CacheRecord* record =
          cache != nullptr && cache->has_record[id] != 0 ? &cache->records[id] : nullptr;
      if (named || may_define_object(file, record, references.object_names)) {
        want(id, Reading::Documents);
      }
    }
  }
  std::vector<std::pair<FileId, Reading>> out;
  for (FileId id = 0; id < found.size(); ++id) {
    if (found[id] > done[id] && skipped_yaml(model.files[id])) out.emplace_back(id, found[id]);
  }
  return out;
}

// A referenced file's parse from the cache, when its record has one of
// that kind.
bool parse_cached(CacheRun* cache, FileId id, bool documents, SourceFile& file,
                  std::vector<InputProblem>& problems) {
  if (cache == nullptr || cache->has_record[id] == 0) return false;
  const CacheRecord& record = cache->records[id];
  if (!record.has(documents ? CacheRecord::HasDocuments : CacheRecord::HasSyntax)) return false;
  std::vector<InputProblem> parsed;
  if (!apply_reading(documents ? record.documents.view() : record.syntax.view(), id, file,
                     parsed)) {
    return false;
  }
  for (auto& problem : parsed) problems.push_back(std::move(problem));
  return true;
}

// Adds a referenced file's fresh parse to its record.
void remember_parse(CacheRun* cache, FileId id, bool documents, const SourceFile& file,
                    const std::vector<InputProblem>& problems) {
  if (cache == nullptr || cache->has_record[id] == 0) return;
  if (!record_reading(cache->records[id], documents, file, id, problems)) {
    cache->has_record[id] = 0;  // not encodable: the next run parses it again
  }
  cache->changed = true;
}

// Reached when kMaxReferenceDepth rounds still left referenced files
// unread: SL002 at each file of the last round whose own references name one
// of them, so the silent cut-off is visible where the chain goes on.
void report_unfollowed_references(const FileReferences& references,
                                  const std::vector<FileId>& last_round, const PathIndex& by_path,
                                  const Readings& done, const CacheRun* cache, Model& model) {
  auto unread = files_to_parse(model, references, by_path, done, cache);
  if (unread.empty()) return;
  for (FileId id : last_round) {
    FileReferences own;
    collect_references(model.files[id], own);
    auto named = files_to_parse(model, own, by_path, done, cache);
    if (named.empty()) continue;
    model.problems.push_back(InputProblem{
        "SL002", Location{id, Range{Position{1, 1, 0}, Position{1, 1, 0}}},
        "references not followed: referenced files nested deeper than " +
            std::to_string(kMaxReferenceDepth) + " levels are not read (first not read: " +
            model.files[named.front().first].path + ")"});
  }
}

// What every file references, collected on `jobs` threads: the walk reads the
// root of every parsed document (on a big repository, memory not in any
// cache), and the sets come out the same in any order.
FileReferences collect_all_references(const Model& model, unsigned jobs) {
  constexpr size_t kChunk = 512;  // files per task: one atomic step per chunk, not per file
  size_t chunks = (model.files.size() + kChunk - 1) / kChunk;
  auto collect_chunk = [&model](size_t chunk, FileReferences& out) {
    size_t end = std::min(model.files.size(), (chunk + 1) * kChunk);
    for (size_t id = chunk * kChunk; id < end; ++id) collect_references(model.files[id], out);
  };
  std::vector<FileReferences> per_worker(std::max(1u, jobs));
  auto failures = parallel_for(chunks, jobs, [&](size_t chunk, unsigned worker) {
    collect_chunk(chunk, per_worker[worker]);
  });
  // Only a bug throws here: walked again on this thread, it propagates as
  // from a serial walk (a partial first walk adds nothing the sets keep twice).
  for (const auto& failure : failures) collect_chunk(failure.index, per_worker[0]);
  FileReferences all = std::move(per_worker[0]);
  for (size_t w = 1; w < per_worker.size(); ++w) all.merge(per_worker[w]);
  return all;
}

}  // namespace

void load_referenced_files(const std::vector<std::string>& extra_globs, const InputOptions& options,
                           Model& model, ReferencedParseMemo* memo) {
  load_referenced_files(extra_globs, options, model, PathIndex(model.files), memo);
}

void load_referenced_files(const std::vector<std::string>& extra_globs, const InputOptions& options,
                           Model& model, const PathIndex& by_path, ReferencedParseMemo* memo) {
  // A caller bug: an index of other files would mislay every reference.
  if (by_path.files() != model.files.size()) {
    throw std::logic_error("load_referenced_files: the path index is not of the model's files");
  }
  FileReferences references = collect_all_references(model, options.jobs);
  references.globs.insert(extra_globs.begin(), extra_globs.end());
  Readings done(model.files.size(), Reading::None);  // what earlier rounds read
  std::vector<std::unique_ptr<YamlParser>> parsers(std::max(1u, options.jobs));
  std::vector<FileId> last_round;
  int depth = 0;
  for (; depth < kMaxReferenceDepth; ++depth) {
    std::vector<std::pair<FileId, Reading>> round =
        files_to_parse(model, references, by_path, done, options.cache);
    if (round.empty()) break;
    std::vector<std::vector<InputProblem>> problems(round.size());
    std::vector<char> recalled(round.size(), 0);
    auto failures = parallel_for(round.size(), options.jobs, [&](size_t i, unsigned worker) {
      auto [id, reading] = round[i];
      SourceFile& file = model.files[id];
      bool documents = reading == Reading::Documents;
      if (memo != nullptr && memo->recall(file, id, documents, problems[i])) {
        recalled[i] = 1;
      } else if (!parse_cached(options.cache, id, documents, file, problems[i])) {
        if (!parsers[worker]) parsers[worker] = std::make_unique<YamlParser>();
        parse_yaml_file(file, id, options, *parsers[worker], documents, problems[i]);
        remember_parse(options.cache, id, documents, file, problems[i]);
      }
      file.relevant = documents;
    });
    // A bug on one referenced file costs that file, not the run.
    for (const auto& failure : failures) {
      SourceFile& file = model.files[round[failure.index].first];
      file.documents.clear();
      file.relevant = false;
      problems[failure.index].push_back(InputProblem{
          "SL002",
          Location{round[failure.index].first, Range{Position{1, 1, 0}, Position{1, 1, 0}}},
          "not linted: internal error while reading and parsing this file (" + failure.what + ")"});
    }
    references = FileReferences{};
    last_round.clear();
    for (size_t i = 0; i < round.size() && memo != nullptr; ++i) {
      bool failed = std::any_of(failures.begin(), failures.end(),
                                [i](const auto& failure) { return failure.index == i; });
      if (recalled[i] == 0 && !failed) {
        memo->remember(model.files[round[i].first], round[i].first,
                       round[i].second == Reading::Documents, problems[i]);
      }
    }
    for (size_t i = 0; i < round.size(); ++i) {
      auto [id, reading] = round[i];
      // A file checked for syntax in an earlier round and read for its
      // documents now has already reported its syntax error.
      for (auto& problem : problems[i]) {
        if (done[id] == Reading::None || !already_reported(model, problem)) {
          model.problems.push_back(std::move(problem));
        }
      }
      done[id] = reading;
      last_round.push_back(id);
      // What the newly parsed files reference in turn.
      collect_references(model.files[id], references);
    }
  }
  if (depth == kMaxReferenceDepth) {
    report_unfollowed_references(references, last_round, by_path, done, options.cache, model);
  }
  // Every reference is followed: no YAML text is needed in memory any more.
  if (options.release_texts && !options.root.empty()) {
    for (auto& file : model.files) release_text(file, options.root + "/" + file.path);
  }
}

}  // namespace seldon_lint
