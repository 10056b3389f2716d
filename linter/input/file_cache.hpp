// The persistent parse cache (like ruff's .ruff_cache): for each YAML file,
// what the input stage produced from it — the byte prefilter's verdict, line
// starts, and each parse a run needed (documents, comments, SL001/SL002) — so
// that the next run re-reads and re-parses only the files that changed.
//
// A record is keyed by the file's path, size, mtime (ns) and inode.  A file
// whose stat changed is read and hashed; when the content hash is the one
// recorded, the record is used anyway (a `git checkout` or `touch`).  A file
// modified less than two seconds before it was read is re-hashed on the next
// run even if its stat looks unchanged: a second write within the file
// system's timestamp granularity would not change its mtime.
//
// One cache file per repository root, named by a hash of the root; it starts
// with an identity (cache format, linter version, commit and executable,
// parse limits, root) and ends with a checksum.  A missing, truncated,
// corrupt or foreign file is ignored and replaced at the end of the run.  It
// is written to a temporary file and renamed over the old one, so concurrent
// runs never see a half-written cache (the last writer wins).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "linter/input/file_stamp.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// What one parse of a file gave (a documents parse, or a syntax check).
struct ParseReading {
  std::vector<InputProblem> problems;  // SL001/SL002 of the parse
  std::vector<yaml::Document> documents;
  std::vector<yaml::Comment> comments;
};

// Encoded bytes that either borrow from the cache file read at the start of
// the run or own bytes encoded during it.
class CacheBytes {
 public:
  CacheBytes() = default;
  static CacheBytes borrowed(std::string_view bytes) { return CacheBytes(bytes, {}); }
  static CacheBytes owned(std::string bytes) { return CacheBytes({}, std::move(bytes)); }
  std::string_view view() const { return borrowed_.empty() ? std::string_view(owned_) : borrowed_; }

 private:
  CacheBytes(std::string_view borrowed, std::string owned)
      : borrowed_(borrowed), owned_(std::move(owned)) {}
  std::string_view borrowed_;
  std::string owned_;
};

struct CacheRecord {
  enum Flag : uint8_t {
    Relevant = 1,           // passed the byte prefilter (parsed for documents when loaded)
    MentionsDirective = 2,  // contains "seldon-lint": its text is always read
    MentionsObjects = 4,    // contains "ConfigMap" or "Secret" (may define a Flux source)
    HasDocuments = 8,       // `documents` holds a documents parse
    HasSyntax = 16,         // `syntax` holds a syntax check
    Verify = 32,            // modified just before it was read: re-hash next time
  };
  FileStamp stamp;
  uint64_t content_hash = 0;
  uint8_t flags = 0;
  CacheBytes line_starts;
  CacheBytes documents;
  CacheBytes syntax;

  bool has(Flag flag) const { return (flags & flag) != 0; }
};

// Encoding of the pieces of a record; decoding is bounds-checked and gives
// false for bytes it cannot fully account for.
std::string encode_line_starts(const std::vector<uint32_t>& line_starts);
bool decode_line_starts(std::string_view bytes, std::vector<uint32_t>& out);
// False when the reading holds a node of another file (it is then not cached).
bool encode_reading(const std::vector<InputProblem>& problems,
                    const std::vector<yaml::Document>& documents,
                    const std::vector<yaml::Comment>& comments, FileId file, std::string& out);
// Nodes, comments and problems get `file` as their file.
bool decode_reading(std::string_view bytes, FileId file, ParseReading& out);

// The cache file of one repository, as read at the start of a run.
class FileCache {
 public:
  // `identity` names everything besides a file's own bytes that its records
  // depend on; a cache file written under another identity is ignored.
  FileCache(std::string path, std::string identity);
  FileCache(const FileCache&) = delete;
  FileCache& operator=(const FileCache&) = delete;

  // Reads the cache file; false (and an empty cache) when it is missing or
  // not usable (`problem` says why, for SELDON_LINT_TIMING).
  bool load(std::string& problem);
  const CacheRecord* find(std::string_view relative_path) const;
  size_t size() const { return records_.size(); }
  const std::string& path() const { return path_; }
  // The records read, by path (for carrying over records this run did not visit).
  const std::unordered_map<std::string_view, CacheRecord>& records() const { return records_; }

  // Writes `records` (path, record; sorted by path) as the new cache file:
  // a temporary file renamed over the old one.  False on any error.
  bool write(const std::vector<std::pair<std::string_view, const CacheRecord*>>& records) const;

 private:
  std::string path_;
  std::string identity_;
  std::string bytes_;  // the file read; records borrow from it
  std::unordered_map<std::string_view, CacheRecord> records_;
};

// The cache file for `root` in `cache_dir`.
std::string cache_file_for_root(const std::string& cache_dir, const std::string& root);

// $XDG_CACHE_HOME/seldon-lint, else $HOME/.cache/seldon-lint; empty when
// neither is set.
std::string default_cache_dir();

// One run's use of the cache: the records of the files it loaded, by FileId
// (after load_files), counters for SELDON_LINT_TIMING.
struct CacheRun {
  const FileCache* previous = nullptr;  // the cache read at the start (may be empty)
  int64_t started_ns = 0;               // wall clock at the start: recent files get Verify
  std::vector<CacheRecord> records;     // by FileId; stamp.size == 0 && !flags: none
  std::vector<uint8_t> has_record;      // by FileId
  std::atomic<size_t> hits{0};          // stat unchanged: not read
  std::atomic<size_t> confirmed{0};     // stat changed, same content hash: read, not parsed
  std::atomic<size_t> parsed{0};        // read and parsed (or prefiltered) afresh
  std::atomic<bool> changed{false};     // a parse was added to a record
};

// True when the run found every record of `cache` unchanged and loaded no
// other file: writing would give the same file, and the check reads no path.
bool cache_unchanged(const FileCache& cache, const CacheRun& run);

// Writes the cache after a run: the record of every file it loaded, plus the
// previous records of files outside `walked` (folders relative to the root,
// "" for the root itself; a file there that was not found is gone).  Does
// nothing when no record changed.  `paths` are by FileId.  False on an error.
bool save_cache(const FileCache& cache, const CacheRun& run, const std::vector<std::string>& paths,
                const std::vector<std::string>& walked);

}  // namespace seldon_lint
