#include "linter/input/file_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "linter/base/hash.hpp"

namespace fs = std::filesystem;

namespace seldon_lint {
namespace {

constexpr std::string_view kMagic = "SLCACHE2";

// The checksum of a cache file's body (all bytes before it): the body in
// blocks of kChecksumBlock bytes, each hashed, then the block hashes hashed.
// The writer hashes each block as it streams it out and never holds the
// whole file: on a big repository that was tens of megabytes of fresh memory
// (which the kernel zeroes page by page) in a thread running beside the model.
constexpr size_t kChecksumBlock = size_t{1} << 20;

class BlockChecksum {
 public:
  void add(std::string_view block) {
    uint64_t hash = hash_bytes(block);
    hashes_.append(reinterpret_cast<const char*>(&hash), sizeof hash);
  }
  uint64_t value() const { return hash_bytes(hashes_); }

 private:
  std::string hashes_;
};

uint64_t body_checksum(std::string_view body) {
  BlockChecksum checksum;
  for (size_t at = 0; at < body.size(); at += kChecksumBlock) {
    checksum.add(body.substr(at, kChecksumBlock));
  }
  return checksum.value();
}
// Nesting bound when decoding (the parser's own bound is far lower).
constexpr unsigned kMaxDecodeDepth = 1000;

// ------------------------------------------------------------------ bytes

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void byte(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void signed_varint(int64_t v) {
    varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void u64(uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void string(std::string_view s) {
    varint(s.size());
    out_.append(s);
  }

 private:
  std::string& out_;
};

// Every read checks the bytes left; after one failure all reads fail.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == bytes_.size(); }
  size_t position() const { return pos_; }

  uint8_t byte() {
    if (!ok_ || pos_ >= bytes_.size()) return fail();
    return static_cast<uint8_t>(bytes_[pos_++]);
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      uint8_t b = byte();
      if (!ok_) return 0;
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return fail();
  }
  int64_t signed_varint() {
    uint64_t v = varint();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  uint32_t u32_varint() {
    uint64_t v = varint();
    if (v > UINT32_MAX) return fail();
    return static_cast<uint32_t>(v);
  }
  uint64_t u64() {
    if (!ok_ || bytes_.size() - pos_ < sizeof(uint64_t)) return fail();
    uint64_t v;
    std::memcpy(&v, bytes_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string_view view(size_t n) {
    if (!ok_ || bytes_.size() - pos_ < n) {
      fail();
      return {};
    }
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  std::string_view chunk() { return view(varint()); }  // length-prefixed bytes
  std::string string() { return std::string(chunk()); }
  // A count of items that each take at least one byte: no huge allocation
  // from a damaged length.
  size_t count() {
    uint64_t n = varint();
    if (n > bytes_.size() - pos_) return fail();
    return static_cast<size_t>(n);
  }
  uint8_t fail() {
    ok_ = false;
    return 0;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// ------------------------------------------------------------------ readings

void write_range(Writer& w, const Range& r) {
  w.varint(r.begin.line);
  w.varint(r.begin.column);
  w.varint(r.begin.offset);
  w.signed_varint(int64_t{r.end.line} - r.begin.line);
  w.signed_varint(int64_t{r.end.column} - r.begin.column);
  w.signed_varint(int64_t{r.end.offset} - r.begin.offset);
}

// `begin` plus a signed delta, which must land in [0, UINT32_MAX].
uint32_t read_end(Reader& r, uint32_t begin) {
  int64_t v = int64_t{begin} + r.signed_varint();
  if (v < 0 || v > int64_t{UINT32_MAX}) return r.fail();
  return static_cast<uint32_t>(v);
}

bool read_range(Reader& r, Range& out) {
  out.begin.line = r.u32_varint();
  out.begin.column = r.u32_varint();
  out.begin.offset = r.u32_varint();
  out.end.line = read_end(r, out.begin.line);
  out.end.column = read_end(r, out.begin.column);
  out.end.offset = read_end(r, out.begin.offset);
  return r.ok();
}

// A node's file is the file being cached or none (a synthetic value).
bool write_file_ref(Writer& w, FileId node_file, FileId own) {
  if (node_file != own && node_file != kNoFile) return false;
  w.byte(node_file == own ? 1 : 0);
  return true;
}

bool read_file_ref(Reader& r, FileId own, FileId& out) {
  uint8_t v = r.byte();
  if (v > 1) return r.fail();
  out = v == 1 ? own : kNoFile;
  return r.ok();
}

bool write_node(Writer& w, const yaml::Node& node, FileId own) {
  w.byte(static_cast<uint8_t>(static_cast<uint8_t>(node.kind) |
                              (static_cast<uint8_t>(node.style) << 2)));
  if (!write_file_ref(w, node.file, own)) return false;
  write_range(w, node.range);
  w.string(node.tag.view());
  w.string(node.scalar);
  w.varint(node.entries.size());
  for (const auto& entry : node.entries) {
    w.string(entry.key);
    if (!write_file_ref(w, entry.key_file, own)) return false;
    write_range(w, entry.key_range);
    if (!write_node(w, entry.value, own)) return false;
  }
  w.varint(node.items.size());
  for (const auto& item : node.items) {
    if (!write_node(w, item, own)) return false;
  }
  return true;
}

bool read_node(Reader& r, FileId own, yaml::Node& node, unsigned depth) {
  if (depth > kMaxDecodeDepth) return r.fail();
  uint8_t head = r.byte();
  uint8_t kind = head & 3, style = head >> 2;
  if (style > static_cast<uint8_t>(yaml::Style::Folded)) return r.fail();
  node.kind = static_cast<yaml::Kind>(kind);
  node.style = static_cast<yaml::Style>(style);
  if (!read_file_ref(r, own, node.file) || !read_range(r, node.range)) return false;
  node.tag = r.string();
  node.scalar = r.string();
  size_t entries = r.count();
  node.entries.resize(entries);
  for (auto& entry : node.entries) {
    entry.key = r.string();
    if (!read_file_ref(r, own, entry.key_file) || !read_range(r, entry.key_range) ||
        !read_node(r, own, entry.value, depth + 1)) {
      return false;
    }
  }
  size_t items = r.count();
  node.items.resize(items);
  for (auto& item : node.items) {
    if (!read_node(r, own, item, depth + 1)) return false;
  }
  return r.ok();
}

}  // namespace

std::string encode_line_starts(const std::vector<uint32_t>& line_starts) {
  std::string out;
  Writer w(out);
  w.varint(line_starts.size());
  uint32_t previous = 0;
  for (uint32_t start : line_starts) {
    w.signed_varint(int64_t{start} - previous);
    previous = start;
  }
  return out;
}

bool decode_line_starts(std::string_view bytes, std::vector<uint32_t>& out) {
  Reader r(bytes);
  size_t n = r.count();
  out.clear();
  out.reserve(n);
  int64_t previous = 0;
  for (size_t i = 0; i < n && r.ok(); ++i) {
    int64_t start = previous + r.signed_varint();
    if (start < 0 || start > UINT32_MAX) return false;
    out.push_back(static_cast<uint32_t>(start));
    previous = start;
  }
  return r.ok() && r.at_end();
}

bool encode_reading(const std::vector<InputProblem>& problems,
                    const std::vector<yaml::Document>& documents,
                    const std::vector<yaml::Comment>& comments, FileId file, std::string& out) {
  out.clear();
  Writer w(out);
  w.varint(problems.size());
  for (const auto& problem : problems) {
    if (problem.location.file != file) return false;
    w.string(problem.rule_id);
    write_range(w, problem.location.range);
    w.string(problem.message);
  }
  w.varint(documents.size());
  for (const auto& doc : documents) {
    write_range(w, doc.range);
    if (!write_node(w, doc.root, file)) return false;
  }
  w.varint(comments.size());
  for (const auto& comment : comments) {
    write_range(w, comment.range);
    w.string(comment.text);
  }
  return true;
}

bool decode_reading(std::string_view bytes, FileId file, ParseReading& out) {
  Reader r(bytes);
  out = ParseReading{};
  out.problems.resize(r.count());
  for (auto& problem : out.problems) {
    problem.rule_id = r.string();
    problem.location.file = file;
    if (!read_range(r, problem.location.range)) return false;
    problem.message = r.string();
  }
  out.documents.resize(r.count());
  for (auto& doc : out.documents) {
    if (!read_range(r, doc.range) || !read_node(r, file, doc.root, 0)) return false;
  }
  out.comments.resize(r.count());
  for (auto& comment : out.comments) {
    if (!read_range(r, comment.range)) return false;
    comment.text = r.string();
  }
  return r.ok() && r.at_end();
}

// ------------------------------------------------------------------ the file

FileCache::FileCache(std::string path, std::string identity)
    : path_(std::move(path)), identity_(std::move(identity)) {}

namespace {

bool read_all(const std::string& path, std::string& out, std::string& problem) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    problem = errno == ENOENT ? "none yet" : std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    problem = "not a regular file";
    return false;
  }
  out.resize(static_cast<size_t>(st.st_size));
  size_t filled = 0;
  while (filled < out.size()) {
    ssize_t n = ::read(fd, out.data() + filled, out.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    filled += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(filled);
  return true;
}

bool read_record(Reader& r, CacheRecord& record) {
  record.stamp.size = r.u64();
  record.stamp.mtime_ns = static_cast<int64_t>(r.u64());
  record.stamp.inode = r.u64();
  record.content_hash = r.u64();
  record.flags = r.byte();
  record.line_starts = CacheBytes::borrowed(r.chunk());
  record.documents = CacheBytes::borrowed(r.chunk());
  record.syntax = CacheBytes::borrowed(r.chunk());
  return r.ok();
}

void write_record(Writer& w, std::string_view path, const CacheRecord& record) {
  w.string(path);
  w.u64(record.stamp.size);
  w.u64(static_cast<uint64_t>(record.stamp.mtime_ns));
  w.u64(record.stamp.inode);
  w.u64(record.content_hash);
  w.byte(record.flags);
  w.string(record.line_starts.view());
  w.string(record.documents.view());
  w.string(record.syntax.view());
}

}  // namespace

bool FileCache::load(std::string& problem) {
  bytes_.clear();
  records_.clear();
  if (!read_all(path_, bytes_, problem)) return false;
  auto reject = [&](const char* why) {
    problem = why;
    records_.clear();
    bytes_.clear();
    return false;
  };
  const size_t trailer = sizeof(uint64_t);
  if (bytes_.size() < kMagic.size() + trailer) return reject("truncated");
  std::string_view body(bytes_.data(), bytes_.size() - trailer);
  uint64_t checksum;
  std::memcpy(&checksum, bytes_.data() + body.size(), trailer);
  if (body.substr(0, kMagic.size()) != kMagic) {
    // "SLCACHE1": the format before the block-wise checksum.
    return reject(body.starts_with("SLCACHE") ? "written by another version or settings"
                                              : "not a seldon-lint cache file");
  }
  if (body_checksum(body) != checksum) return reject("checksum mismatch (truncated or corrupt)");
  Reader r(body.substr(kMagic.size()));
  if (r.chunk() != identity_) return reject("written by another version or settings");
  size_t count = r.count();
  records_.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    std::string_view path = r.chunk();
    CacheRecord record;
    if (!read_record(r, record)) return reject("corrupt record");
    records_.emplace(path, std::move(record));
  }
  if (!r.ok() || !r.at_end()) return reject("corrupt");
  return true;
}

const CacheRecord* FileCache::find(std::string_view relative_path) const {
  auto it = records_.find(relative_path);
  return it == records_.end() ? nullptr : &it->second;
}

namespace {

std::string temporary_name(const std::string& path) {
  std::random_device device;
  uint64_t nonce = (uint64_t{device()} << 32) ^ device();
  char suffix[64];
  std::snprintf(suffix, sizeof suffix, ".tmp.%d.%016llx", static_cast<int>(::getpid()),
                static_cast<unsigned long long>(nonce));
  return path + suffix;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Marks the folder as a cache for backup tools, and for git when it lies in
// a repository (as ruff and cargo do).
void mark_cache_folder(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "CACHEDIR.TAG", ec)) return;
  int fd = ::open((dir / "CACHEDIR.TAG").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd >= 0) {
    (void)write_all(fd,
                    "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# This file is a cache directory tag created by seldon-lint.\n");
    ::close(fd);
  }
  fd = ::open((dir / ".gitignore").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd >= 0) {
    (void)write_all(fd, "# Created by seldon-lint: this folder is a cache.\n*\n");
    ::close(fd);
  }
}

// Streams the encoded cache to `fd` a checksum block at a time (see
// BlockChecksum); the buffer holds at most a block and one record.
class BlockStream {
 public:
  explicit BlockStream(int fd) : fd_(fd) { buffer_.reserve(2 * kChecksumBlock); }
  std::string& buffer() { return buffer_; }
  // Writes the full blocks buffered so far; with `all`, the rest too.
  bool flush(bool all) {
    size_t at = 0;
    std::string_view bytes(buffer_);
    while (ok_ && (bytes.size() - at >= kChecksumBlock || (all && at < bytes.size()))) {
      std::string_view block = bytes.substr(at, kChecksumBlock);
      checksum_.add(block);
      ok_ = write_all(fd_, block);
      at += block.size();
    }
    buffer_.erase(0, at);
    return ok_;
  }
  // After flush(true): the trailer.
  bool finish() {
    uint64_t sum = checksum_.value();
    ok_ = ok_ && write_all(fd_, std::string_view(reinterpret_cast<const char*>(&sum), sizeof sum));
    return ok_;
  }

 private:
  int fd_;
  bool ok_ = true;
  std::string buffer_;
  BlockChecksum checksum_;
};

}  // namespace

bool FileCache::write(
    const std::vector<std::pair<std::string_view, const CacheRecord*>>& records) const {
  std::error_code ec;
  fs::path dir = fs::path(path_).parent_path();
  fs::create_directories(dir, ec);
  if (ec) return false;
  mark_cache_folder(dir);
  std::string temporary = temporary_name(path_);
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool written = false;
  try {
    BlockStream out(fd);
    out.buffer().append(kMagic);
    Writer w(out.buffer());
    w.string(identity_);
    w.varint(records.size());
    for (const auto& [path, record] : records) {
      write_record(w, path, *record);
      if (out.buffer().size() >= kChecksumBlock && !out.flush(false)) break;
    }
    written = out.flush(true) && out.finish();
  } catch (const std::exception&) {
    written = false;  // out of memory: no cache this time
  }
  written = ::close(fd) == 0 && written;
  if (!written || ::rename(temporary.c_str(), path_.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

namespace {

bool under_any(std::string_view path, const std::vector<std::string>& dirs) {
  for (const auto& dir : dirs) {
    if (dir.empty()) return true;
    if (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
        path[dir.size()] == '/') {
      return true;
    }
  }
  return false;
}

}  // namespace

bool cache_unchanged(const FileCache& cache, const CacheRun& run) {
  if (run.changed || run.confirmed != 0 || run.parsed != 0) return false;
  auto loaded = static_cast<size_t>(
      std::count_if(run.has_record.begin(), run.has_record.end(), [](uint8_t has) { return has; }));
  return run.hits == loaded && loaded == cache.records().size();
}

bool save_cache(const FileCache& cache, const CacheRun& run, const std::vector<std::string>& paths,
                const std::vector<std::string>& walked) {
  if (cache_unchanged(cache, run)) return true;
  std::vector<std::pair<std::string_view, const CacheRecord*>> records;
  std::unordered_map<std::string_view, bool> current;
  for (size_t id = 0; id < run.records.size() && id < paths.size(); ++id) {
    if (run.has_record[id] == 0) continue;
    records.emplace_back(paths[id], &run.records[id]);
    current.emplace(paths[id], true);
  }
  size_t kept = 0;
  for (const auto& [path, record] : cache.records()) {
    if (current.count(path) > 0 || under_any(path, walked)) continue;
    records.emplace_back(path, &record);
    ++kept;
  }
  bool unchanged = !run.changed && run.confirmed == 0 && run.parsed == 0 &&
                   run.hits + kept == cache.records().size() && records.size() == run.hits + kept;
  if (unchanged) return true;
  std::sort(records.begin(), records.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return cache.write(records);
}

std::string cache_file_for_root(const std::string& cache_dir, const std::string& root) {
  char name[40];
  std::snprintf(name, sizeof name, "v1-%016llx.cache",
                static_cast<unsigned long long>(hash_bytes(root)));
  return (fs::path(cache_dir) / name).string();
}

std::string default_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  // The XDG spec: a relative path is invalid and must be ignored.
  if (xdg != nullptr && xdg[0] == '/') return (fs::path(xdg) / "seldon-lint").string();
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return (fs::path(home) / ".cache" / "seldon-lint").string();
  }
  return {};
}

}  // namespace seldon_lint
