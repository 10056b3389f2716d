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
#include <system_error>
#include <unordered_map>

#include "linter/base/glob.hpp"
#include "linter/base/hash.hpp"
#include "linter/base/repo_path.hpp"
#include "linter/base/text.hpp"
#include "linter/base/thread_pool.hpp"
#include "linter/parse/iac.hpp"

namespace seldon_lint {
namespace load_internal {

namespace {

// A text with a "seldon-lint" directive: its comments are kept, its cache
// record says so, and it stays in memory (suppressions scan only texts in
// memory: linter/engine/suppressions.cpp).
bool mentions_directive(std::string_view text) {
  return text.find("seldon-lint") != std::string_view::npos;
}

}  // namespace

// Parses a read YAML file into its documents; syntax errors are SL001,
// exceeded limits SL002.
void parse_yaml_file(SourceFile& file, FileId id, const InputOptions& options, YamlParser& parser,
                     bool want_documents, std::vector<InputProblem>& problems) {
  YamlParseOptions parse_options;
  parse_options.want_documents = want_documents;
  parse_options.file = id;
  parse_options.limits = options.limits;
  parse_options.want_comments = mentions_directive(file.text);
  YamlParseResult result = parser.parse(file.text, file.line_starts, parse_options);
  auto add = [&](const char* rule, const std::string& message, Position where) {
    problems.push_back(InputProblem{rule, Location{id, Range{where, where}}, message});
  };
  if (result.limit_exceeded) add("SL002", "not linted: " + result.limit_message, Position{1, 1, 0});
  if (result.syntax_error) {
    add("SL001", "YAML syntax error: " + result.error_message, result.error_position);
  }
  file.documents = std::move(result.documents);
  file.comments = std::move(result.comments);
}

void release_text(SourceFile& file, const std::string& absolute) {
  // An empty text has nothing to give back, and a file that could not be
  // read (a device, invalid UTF-8, over the size limit) must stay unread.
  if (file.kind != FileKind::Yaml || file.text.deferred() || file.text.empty()) return;
  if (mentions_directive(file.text)) return;
  file.text.defer(absolute, file.text.size());
}

// Sets the documents parse of a record (or the syntax check); false when it
// cannot be encoded, and the record then goes unused.
bool record_reading(CacheRecord& record, bool documents, const SourceFile& file, FileId id,
                    const std::vector<InputProblem>& problems) {
  std::string bytes;
  if (!encode_reading(problems, file.documents, file.comments, id, bytes)) return false;
  if (documents) {
    record.documents = CacheBytes::owned(std::move(bytes));
    record.flags |= CacheRecord::HasDocuments;
  } else {
    record.syntax = CacheBytes::owned(std::move(bytes));
    record.flags |= CacheRecord::HasSyntax;
  }
  return true;
}

// Puts a cached parse into the file: false when its bytes do not decode.
bool apply_reading(std::string_view bytes, FileId id, SourceFile& file,
                   std::vector<InputProblem>& problems) {
  ParseReading reading;
  if (!decode_reading(bytes, id, reading)) return false;
  file.documents = std::move(reading.documents);
  file.comments = std::move(reading.comments);
  for (auto& problem : reading.problems) problems.push_back(std::move(problem));
  return true;
}

}  // namespace load_internal

using namespace load_internal;

namespace {

struct LoadedFile {
  SourceFile file;
  std::vector<InputProblem> problems;
  bool has_record = false;  // with a cache: `record` describes this file
  CacheRecord record;
};

std::string errno_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// One open, one fstat, reads until EOF: no stdio buffering, no second stat.
// `stamp` is the fstat of the file read.
bool read_whole_file(const std::string& path, size_t max_bytes, std::string& out,
                     std::string& problem, FileStamp* stamp = nullptr) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    problem = "cannot be read: " + errno_text(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    problem = "cannot be read: not a regular file";
    ::close(fd);
    return false;
  }
  if (stamp != nullptr) *stamp = stamp_of(st);
  if (static_cast<size_t>(st.st_size) > max_bytes) {
    constexpr size_t kMiB = size_t{1024} * 1024;
    problem = "file is " + std::to_string(static_cast<size_t>(st.st_size) / kMiB) +
              " MB, over the size limit of " + std::to_string(max_bytes / kMiB) + " MB";
    ::close(fd);
    return false;
  }
  out.resize(static_cast<size_t>(st.st_size));
  size_t filled = 0;
  while (filled < out.size()) {
    ssize_t n = ::read(fd, out.data() + filled, out.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      problem = "cannot be read: " + errno_text(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;  // the file shrank while we read it
    filled += static_cast<size_t>(n);
  }
  out.resize(filled);
  ::close(fd);
  return true;
}

// ARM deployment templates and parameter files name their schema; other
// JSON is not read.
bool is_arm_json(std::string_view text) {
  return is_arm_template_text(text) || is_arm_parameters_text(text);
}

void add_problem(LoadedFile& loaded, FileId id, const char* rule, const std::string& message,
                 Position where = Position{1, 1, 0}) {
  Location location{id, Range{where, where}};
  loaded.problems.push_back(InputProblem{rule, location, message});
}

// ------------------------------------------------------------------ cache

// What the cache remembers of a file's text besides its parses.
uint8_t text_flags(std::string_view text) {
  uint8_t flags = 0;
  if (mentions_directive(text)) flags |= CacheRecord::MentionsDirective;
  if (text.find("ConfigMap") != std::string_view::npos ||
      text.find("Secret") != std::string_view::npos) {
    flags |= CacheRecord::MentionsObjects;
  }
  return flags;
}

// A file recorded by the cache: line starts, the prefilter's verdict, and
// for a relevant file its documents.  False (the file untouched) when the
// record does not decode.
bool apply_record(const CacheRecord& record, FileId id, SourceFile& file,
                  std::vector<InputProblem>& problems) {
  std::vector<InputProblem> parsed;
  SourceFile decoded;
  if (!decode_line_starts(record.line_starts.view(), decoded.line_starts)) return false;
  decoded.relevant = record.has(CacheRecord::Relevant);
  if (decoded.relevant && (!record.has(CacheRecord::HasDocuments) ||
                           !apply_reading(record.documents.view(), id, decoded, parsed))) {
    return false;
  }
  file.line_starts = std::move(decoded.line_starts);
  file.relevant = decoded.relevant;
  file.documents = std::move(decoded.documents);
  file.comments = std::move(decoded.comments);
  for (auto& problem : parsed) problems.push_back(std::move(problem));
  return true;
}

// A file modified this close to the run's start may be modified again within
// the same timestamp tick without its stat changing: hash it next time.
bool recently_modified(const FileStamp& stamp, const CacheRun& run) {
  constexpr int64_t kMargin = 2'000'000'000;  // ns; coarser than any file system's mtime
  return stamp.mtime_ns > run.started_ns - kMargin;
}

// The cache's fast path: the file's stat is the one recorded, so its bytes
// are not read (unless it holds suppression directives, which are read from
// its text) and its parse is decoded instead of redone.
bool load_unchanged(const DiscoveredFile& discovered, FileId id, const CacheRecord& cached,
                    const InputOptions& options, LoadedFile& loaded) {
  if (cached.has(CacheRecord::Verify)) return false;
  FileStamp stamp;
  if (discovered.stamp) {
    stamp = *discovered.stamp;
  } else {
    struct stat st {};
    if (::stat(discovered.absolute.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    stamp = stamp_of(st);
  }
  if (stamp != cached.stamp || stamp.size > options.max_file_bytes) return false;
  SourceFile& file = loaded.file;
  if (cached.has(CacheRecord::MentionsDirective)) {
    std::string text, problem;
    if (!read_whole_file(discovered.absolute, options.max_file_bytes, text, problem)) return false;
    file.text = std::move(text);
  } else {
    file.text.defer(discovered.absolute, stamp.size);
  }
  if (!apply_record(cached, id, file, loaded.problems)) {
    file.text = std::string();
    return false;
  }
  loaded.has_record = true;
  loaded.record = cached;
  ++options.cache->hits;
  return true;
}

// A read YAML file: its parse comes from the cache when the content hash is
// the one recorded, else from the prefilter and the parser; either way it
// gets a record.
void load_yaml_with_cache(FileId id, const FileStamp& stamp, const CacheRecord* cached,
                          const InputOptions& options, YamlParser& parser, LoadedFile& loaded) {
  SourceFile& file = loaded.file;
  CacheRun& run = *options.cache;
  uint64_t hash = hash_bytes(file.text);
  if (cached != nullptr && cached->stamp.size == stamp.size && cached->content_hash == hash &&
      apply_record(*cached, id, file, loaded.problems)) {
    loaded.record = *cached;
    ++run.confirmed;
  } else {
    file.relevant = may_matter(file.path, file.text);
    loaded.record = CacheRecord{};
    loaded.record.content_hash = hash;
    loaded.record.flags = text_flags(file.text);
    if (file.relevant) loaded.record.flags |= CacheRecord::Relevant;
    loaded.record.line_starts = CacheBytes::owned(encode_line_starts(file.line_starts));
    if (file.relevant) parse_yaml_file(file, id, options, parser, true, loaded.problems);
    if (file.relevant && !record_reading(loaded.record, true, file, id, loaded.problems)) return;
    ++run.parsed;
  }
  loaded.record.stamp = stamp;
  loaded.record.flags &= static_cast<uint8_t>(~CacheRecord::Verify);
  if (recently_modified(stamp, run)) loaded.record.flags |= CacheRecord::Verify;
  loaded.has_record = true;
}

// A chart template is only text until a release installing its chart renders
// it; one that cannot be read stays empty (its chart's objects are then
// unknown, see chart_render.cpp), without SL002 for charts nothing installs.
LoadedFile load_template(const DiscoveredFile& discovered, LoadedFile& loaded,
                         const InputOptions& options) {
  std::string text, problem;
  if (discovered.content != nullptr) {
    if (discovered.content->size() > options.max_file_bytes) return loaded;
    text = *discovered.content;
  } else if (!read_whole_file(discovered.absolute, options.max_file_bytes, text, problem)) {
    return loaded;
  }
  if (text.find('\0') != std::string::npos) return loaded;
  if (first_invalid_utf8(text) != std::string_view::npos) return loaded;
  loaded.file.text = std::move(text);
  loaded.file.line_starts = compute_line_starts(loaded.file.text);
  return loaded;
}

LoadedFile read_and_parse(const DiscoveredFile& discovered, FileId id,
                          const EnvironmentRules& environments, const InputOptions& options,
                          YamlParser& parser) {
  LoadedFile loaded;
  SourceFile& file = loaded.file;
  file.path = discovered.relative;
  file.kind = discovered.kind;
  file.environment = classify_environment(discovered.relative, environments);
  if (!discovered.problem.empty()) {
    add_problem(loaded, id, "SL002", discovered.problem);
    return loaded;
  }
  if (file.kind == FileKind::HelmTemplate) return load_template(discovered, loaded, options);
  const bool cacheable =
      options.cache != nullptr && discovered.content == nullptr && file.kind == FileKind::Yaml;
  const CacheRecord* cached = nullptr;
  if (cacheable && options.cache->previous != nullptr) {
    cached = options.cache->previous->find(file.path);
    if (cached != nullptr && load_unchanged(discovered, id, *cached, options, loaded)) {
      return loaded;
    }
  }
  std::string text, problem;
  FileStamp stamp;
  if (discovered.content != nullptr && discovered.content->size() > options.max_file_bytes) {
    add_problem(loaded, id, "SL002", "file is over the size limit");
    return loaded;
  }
  if (discovered.content != nullptr) {
    text = *discovered.content;
  } else if (!read_whole_file(discovered.absolute, options.max_file_bytes, text, problem, &stamp)) {
    add_problem(loaded, id, "SL002", problem);
    return loaded;
  }
  if (file.kind == FileKind::ArmJson && !is_arm_json(text)) {
    file.kind = FileKind::ArmJson;
    file.relevant = false;
    file.path.clear();  // not an input: dropped by the caller
    return loaded;
  }
  if (text.find('\0') != std::string::npos) {
    add_problem(loaded, id, "SL002", "binary file (contains NUL bytes)");
    return loaded;
  }
  size_t bad = first_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    auto starts = compute_line_starts(text);
    add_problem(loaded, id, "SL002",
                "not valid UTF-8 (first invalid byte at offset " + std::to_string(bad) + ")",
                position_at(text, starts, static_cast<uint32_t>(bad)));
    return loaded;
  }
  file.text = std::move(text);
  file.line_starts = compute_line_starts(file.text);
  if (file.kind != FileKind::Yaml) {
    file.relevant = may_matter(file.path, file.text);
    return loaded;  // Terraform, Bicep, ARM: parsed by the IaC readers
  }
  if (cacheable) {
    load_yaml_with_cache(id, stamp, cached, options, parser, loaded);
    return loaded;
  }

  file.relevant = may_matter(file.path, file.text);
  // A file no rule can use is not parsed here: seldon-lint is not a general
  // YAML linter, and skipping these files is most of its speed.  A skipped
  // file that something references is parsed by load_referenced_files.
  if (!file.relevant) return loaded;
  parse_yaml_file(file, id, options, parser, true, loaded.problems);
  return loaded;
}

LoadedFile load_one(const DiscoveredFile& discovered, FileId id,
                    const EnvironmentRules& environments, const InputOptions& options,
                    YamlParser& parser) {
  LoadedFile loaded = read_and_parse(discovered, id, environments, options, parser);
  if (options.release_texts && discovered.content == nullptr && loaded.file.relevant) {
    release_text(loaded.file, discovered.absolute);
  }
  return loaded;
}

}  // namespace

namespace {

// Kinds that feed the model without naming Seldon or Kafka themselves (an
// ApplicationSet's chart may come from catalog files its generators read).
bool relevant_kind(std::string_view kind) {
  static constexpr std::string_view kKinds[] = {
      "Secret",      "SealedSecret",  "ExternalSecret", "ClusterExternalSecret",
      "Certificate", "Kustomization", "ApplicationSet"};
  for (auto k : kKinds) {
    if (kind == k) return true;
  }
  return false;
}

bool mentions_relevant_kind(std::string_view text) {
  for (size_t pos = text.find("kind:"); pos != std::string_view::npos;
       pos = text.find("kind:", pos + 5)) {
    if (pos > 0 && text[pos - 1] != ' ' && text[pos - 1] != '\n' && text[pos - 1] != '\t' &&
        text[pos - 1] != '{' && text[pos - 1] != ',') {
      continue;  // "subkind:", "secretKind:"...
    }
    size_t b = pos + 5;
    while (b < text.size() && (text[b] == ' ' || text[b] == '"' || text[b] == '\'')) ++b;
    size_t e = b;
    while (e < text.size() && std::isalnum(static_cast<unsigned char>(text[e]))) ++e;
    std::string_view kind = text.substr(b, e - b);
    if (relevant_kind(kind)) return true;
    // Releases that may install a chart kept in the repository (rendered):
    // an Argo CD source path, a Flux chart from a GitRepository.
    if ((kind == "Application" && text.find("path:") != std::string_view::npos) ||
        (kind == "HelmRelease" && text.find("GitRepository") != std::string_view::npos)) {
      return true;
    }
  }
  return false;
}

// One pass, ASCII case-insensitive, for the words that make a file matter.
bool mentions_relevant_word(std::string_view text) {
  static constexpr std::string_view kWords[] = {"seldon", "kafka", "eventhub", "servicebus",
                                                "postbuild"};
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    char c = static_cast<char>(text[i] | 0x20);
    if (c != 's' && c != 'k' && c != 'e' && c != 'p') continue;
    for (auto word : kWords) {
      if (word[0] != c || i + word.size() > n) continue;
      size_t k = 1;
      while (k < word.size() && static_cast<char>(text[i + k] | 0x20) == word[k]) ++k;
      if (k == word.size()) return true;
    }
  }
  return false;
}

}  // namespace

bool may_matter(std::string_view relative_path, std::string_view text) {
  std::string_view name = relative_path.substr(relative_path.rfind('/') + 1);
  if (starts_with(name, "kustomization.") || name == "Kustomization" ||
      starts_with(name, "helmfile") || starts_with(relative_path, "helmfile.d/") ||
      relative_path.find("/helmfile.d/") != std::string_view::npos) {
    return true;
  }
  return mentions_relevant_word(text) || mentions_relevant_kind(text);
}

void load_files(const std::vector<DiscoveredFile>& discovered, const EnvironmentRules& environments,
                const InputOptions& options, Model& model) {
  std::vector<LoadedFile> loaded(discovered.size());
  std::vector<std::unique_ptr<YamlParser>> parsers(std::max(1u, options.jobs));
  for (auto& p : parsers) p = std::make_unique<YamlParser>();
  auto failures = parallel_for(discovered.size(), options.jobs, [&](size_t i, unsigned worker) {
    loaded[i] =
        load_one(discovered[i], static_cast<FileId>(i), environments, options, *parsers[worker]);
  });
  // A bug (or an exhausted allocator) on one file costs that file, not the run.
  for (const auto& failure : failures) {
    LoadedFile& entry = loaded[failure.index];
    entry = LoadedFile{};
    entry.file.path = discovered[failure.index].relative;
    entry.file.kind = discovered[failure.index].kind;
    add_problem(
        entry, static_cast<FileId>(failure.index), "SL002",
        "not linted: internal error while reading and parsing this file (" + failure.what + ")");
  }
  // Drop non-inputs (JSON that is not an ARM template) and renumber.
  model.files.clear();
  model.files.reserve(loaded.size());
  if (options.cache != nullptr) {
    options.cache->records.clear();
    options.cache->has_record.clear();
  }
  for (auto& entry : loaded) {
    if (entry.file.path.empty()) continue;
    FileId id = static_cast<FileId>(model.files.size());
    auto renumber = [id](yaml::Node& node, auto& self) -> void {
      node.file = id;
      for (auto& e : node.entries) {
        e.key_file = id;
        self(e.value, self);
      }
      for (auto& item : node.items) self(item, self);
    };
    if (id != static_cast<FileId>(&entry - loaded.data())) {
      for (auto& doc : entry.file.documents) renumber(doc.root, renumber);
    }
    for (auto& problem : entry.problems) {
      problem.location.file = id;
      model.problems.push_back(std::move(problem));
    }
    model.files.push_back(std::move(entry.file));
    if (options.cache != nullptr) {
      options.cache->records.push_back(std::move(entry.record));
      options.cache->has_record.push_back(entry.has_record ? 1 : 0);
    }
  }
}

}  // namespace seldon_lint
