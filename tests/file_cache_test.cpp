// The persistent parse cache (linter/input/file_cache.hpp): a decoded record
// is the parse it recorded, node for node; a damaged, truncated, foreign or
// stale cache file is never trusted; runs with a cache report exactly what
// runs without one report.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "linter/base/text.hpp"
#include "linter/cli/lint.hpp"
#include "linter/input/file_cache.hpp"
#include "linter/parse/yaml_parser.hpp"
#include "linter/report/report.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// Every YAML file of the fixtures and examples (the demo repository included).
std::vector<fs::path> corpus_yaml_files() {
  std::vector<fs::path> out;
  for (const char* top : {"fixtures", "examples"}) {
    fs::path dir = fs::path(SELDON_LINT_SOURCE_DIR) / top;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      auto ext = entry.path().extension().string();
      if (ext == ".yaml" || ext == ".yml") out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Scratch {
  fs::path root;
  Scratch() {
    static int counter = 0;
    root = fs::temp_directory_path() /
           ("seldon-lint-cache-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root);
    fs::create_directories(root / "repo");
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  fs::path repo() const { return root / "repo"; }
  fs::path cache_dir() const { return root / "cache"; }
  std::string cache_file() const {
    return cache_file_for_root(cache_dir().string(), repo().string());
  }
};

// The text report (code frames included) and the JSON report of one run.
std::string lint_report(const Scratch& scratch, bool with_cache, unsigned jobs = 2,
                        const std::string& identity = "test build") {
  LintOptions options;
  options.root = scratch.repo().string();
  options.paths = {options.root};
  options.jobs = jobs;
  options.today = "2026-11-30";
  if (with_cache) {
    options.cache_dir = scratch.cache_dir().string();
    options.cache_identity = identity;
  }
  LintResult result = lint(options);
  Report report;
  report.model = result.model.get();
  report.findings = std::move(result.findings);
  for (const auto& rule : result.rules) report.rules.push_back(&rule->info());
  report.summary = result.summary;
  report.root = options.root;
  report.tool_version = "test";
  std::ostringstream out;
  write_text(report, out, /*color=*/false);
  write_json(report, out);
  return out.str();
}

// A small repository with findings, code frames, a suppression directive,
// a kustomization with a skipped (syntax-checked) resource and a syntax error.
void fill_repo(const Scratch& scratch) {
  fs::path demo = fs::path(SELDON_LINT_SOURCE_DIR) / "fixtures" / "demo-repo";
  fs::copy(demo, scratch.repo(), fs::copy_options::recursive);
  fs::path directives =
      fs::path(SELDON_LINT_SOURCE_DIR) / "fixtures" / "SL003" / "negative-valid-directives";
  fs::copy(directives, scratch.repo() / "directives", fs::copy_options::recursive);
  write_file(scratch.repo() / "apps" / "broken.yaml", "kafka:\n  bootstrap: [a\n");
  write_file(scratch.repo() / "apps" / "k" / "kustomization.yaml", "resources:\n  - deploy.yaml\n");
  write_file(scratch.repo() / "apps" / "k" / "deploy.yaml", "kind: Deployment\nspec: [x\n");
  // Old enough that the cache trusts their stat (files written within two
  // seconds of a run are re-hashed by the next one).
  for (const auto& entry : fs::recursive_directory_iterator(scratch.repo())) {
    struct timespec times[2] = {{1700000000, 0}, {1700000000, 0}};
    ::utimensat(AT_FDCWD, entry.path().c_str(), times, 0);
  }
}

// The identity a cache file was written under (after the magic, a
// varint-length-prefixed string), as lint() composed it.
std::string stored_identity(const std::string& bytes) {
  size_t at = 8;
  uint64_t length = 0;
  for (unsigned shift = 0; at < bytes.size(); shift += 7) {
    auto byte = static_cast<unsigned char>(bytes[at++]);
    length |= uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) break;
  }
  return at + length <= bytes.size() ? bytes.substr(at, length) : std::string();
}

// Records in the cache file when it is intact, else 0.
size_t records_in(const Scratch& scratch) {
  FileCache cache(scratch.cache_file(), stored_identity(read_file(scratch.cache_file())));
  std::string problem;
  return cache.load(problem) ? cache.size() : 0;
}

}  // namespace

TEST_CASE("a decoded reading is the parse it encodes, on every fixture and example") {
  YamlParser parser;
  size_t checked = 0;
  for (const auto& path : corpus_yaml_files()) {
    std::string text = read_file(path);
    if (first_invalid_utf8(text) != std::string::npos) continue;
    auto starts = compute_line_starts(text);
    YamlParseOptions options;
    options.file = 7;
    options.want_comments = true;
    YamlParseResult parsed = parser.parse(text, starts, options);
    std::vector<InputProblem> problems;
    if (parsed.syntax_error) {
      problems.push_back({"SL001", Location{7, Range{parsed.error_position, parsed.error_position}},
                          parsed.error_message});
    }
    std::string bytes;
    REQUIRE(encode_reading(problems, parsed.documents, parsed.comments, 7, bytes));
    ParseReading decoded;
    INFO(path.string());
    REQUIRE(decode_reading(bytes, 7, decoded));
    REQUIRE(decoded.documents.size() == parsed.documents.size());
    for (size_t i = 0; i < parsed.documents.size(); ++i) {
      CHECK(yaml::same_range(decoded.documents[i].range, parsed.documents[i].range));
      CHECK(yaml::same_tree(decoded.documents[i].root, parsed.documents[i].root));
    }
    REQUIRE(decoded.comments.size() == parsed.comments.size());
    for (size_t i = 0; i < parsed.comments.size(); ++i) {
      CHECK(decoded.comments[i].text == parsed.comments[i].text);
      CHECK(yaml::same_range(decoded.comments[i].range, parsed.comments[i].range));
    }
    REQUIRE(decoded.problems.size() == problems.size());
    for (size_t i = 0; i < problems.size(); ++i) {
      CHECK(decoded.problems[i].message == problems[i].message);
      CHECK(yaml::same_range(decoded.problems[i].location.range, problems[i].location.range));
    }
    std::vector<uint32_t> lines;
    REQUIRE(decode_line_starts(encode_line_starts(starts), lines));
    CHECK(lines == starts);
    ++checked;
  }
  CHECK(checked > 200);
}

TEST_CASE("a truncated or damaged reading is refused or decoded without harm") {
  std::string text = "a: 1\nb:\n  - x\n  - {c: \"d\"}\n# comment\n";
  YamlParser parser;
  YamlParseOptions options;
  options.file = 0;
  options.want_comments = true;
  auto parsed = parser.parse(text, compute_line_starts(text), options);
  std::string bytes;
  REQUIRE(encode_reading({}, parsed.documents, parsed.comments, 0, bytes));
  for (size_t n = 0; n < bytes.size(); ++n) {
    ParseReading out;
    CHECK_FALSE(decode_reading(std::string_view(bytes).substr(0, n), 0, out));
  }
  ParseReading out;
  CHECK_FALSE(decode_reading(bytes + "x", 0, out));  // trailing bytes
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0xff);
    ParseReading ignored;
    (void)decode_reading(damaged, 0, ignored);  // must not crash or allocate wildly
  }
  // A huge count in a short buffer is refused, not allocated.
  CHECK_FALSE(decode_reading(std::string("\xff\xff\xff\xff\x0f", 5), 0, out));
}

TEST_CASE("runs with a cold, warm or no cache, and -j1, report the same") {
  Scratch scratch;
  fill_repo(scratch);
  std::string expected = lint_report(scratch, false);
  CHECK(expected.find("broken.yaml") != std::string::npos);
  CHECK(expected.find("\"suppressed\": 0") == std::string::npos);  // directives applied
  CHECK(lint_report(scratch, true) == expected);                   // cold: writes the cache
  REQUIRE(fs::exists(scratch.cache_file()));
  CHECK(records_in(scratch) > 5);
  CHECK(lint_report(scratch, true) == expected);  // warm
  CHECK(lint_report(scratch, true, 1) == expected);
  CHECK(lint_report(scratch, false, 1) == expected);
}

TEST_CASE("cache_unchanged: only a run that hit every record and loaded nothing else") {
  Scratch scratch;
  fill_repo(scratch);
  lint_report(scratch, true);
  FileCache cache(scratch.cache_file(), stored_identity(read_file(scratch.cache_file())));
  std::string problem;
  REQUIRE(cache.load(problem));
  const size_t n = cache.size();
  REQUIRE(n > 5);
  auto run_with = [&](size_t loaded, size_t hits) {
    auto run = std::make_unique<CacheRun>();
    run->has_record.assign(n + 2, 0);
    for (size_t i = 0; i < loaded; ++i) run->has_record[i] = 1;
    run->hits = hits;
    return run;
  };
  CHECK(cache_unchanged(cache, *run_with(n, n)));
  CHECK_FALSE(cache_unchanged(cache, *run_with(n - 1, n - 1)));  // a run over part of the tree
  CHECK_FALSE(cache_unchanged(cache, *run_with(n + 1, n)));      // a new file
  CHECK_FALSE(cache_unchanged(cache, *run_with(n, n - 1)));      // a file without a record
  auto parsed = run_with(n, n);
  parsed->parsed = 1;
  CHECK_FALSE(cache_unchanged(cache, *parsed));
  auto confirmed = run_with(n, n);
  confirmed->confirmed = 1;
  CHECK_FALSE(cache_unchanged(cache, *confirmed));
  auto changed = run_with(n, n);
  changed->changed = true;
  CHECK_FALSE(cache_unchanged(cache, *changed));
}

TEST_CASE("a warm run that changed nothing leaves the cache file as it was") {
  Scratch scratch;
  fill_repo(scratch);
  std::string expected = lint_report(scratch, true);  // cold: writes the cache
  struct stat written {};
  REQUIRE(::stat(scratch.cache_file().c_str(), &written) == 0);
  CHECK(lint_report(scratch, true) == expected);
  struct stat after {};
  REQUIRE(::stat(scratch.cache_file().c_str(), &after) == 0);
  CHECK(after.st_ino == written.st_ino);  // a write renames a new file over it
  // A changed file is recorded: the cache file is replaced.
  write_file(scratch.repo() / "apps" / "broken.yaml", "kafka:\n  bootstrap: fixed:9092\n");
  lint_report(scratch, true);
  REQUIRE(::stat(scratch.cache_file().c_str(), &after) == 0);
  CHECK(after.st_ino != written.st_ino);
}

TEST_CASE("a changed file is parsed again, whatever its stat says") {
  Scratch scratch;
  fill_repo(scratch);
  lint_report(scratch, true);
  fs::path values = scratch.repo() / "apps" / "broken.yaml";
  struct stat before {};
  REQUIRE(::stat(values.c_str(), &before) == 0);

  SECTION("new content, new size") {
    write_file(values, "kafka:\n  bootstrap: fixed:9092\n");
  }
  SECTION("same size and mtime, other inode (an editor's rename)") {
    fs::path other = scratch.repo() / "apps" / "tmp";
    write_file(other, "kafka:\n  bootstrap: [b\n");
    fs::rename(other, values);
    struct timespec times[2] = {before.st_atim, before.st_mtim};
    ::utimensat(AT_FDCWD, values.c_str(), times, 0);
  }
  SECTION("touched, same content") {
    struct timespec times[2] = {{1800000000, 0}, {1800000000, 0}};
    ::utimensat(AT_FDCWD, values.c_str(), times, 0);
  }
  std::string expected = lint_report(scratch, false);
  CHECK(lint_report(scratch, true) == expected);
  CHECK(lint_report(scratch, true) == expected);
}

TEST_CASE("a file rewritten in the same timestamp tick is re-hashed") {
  Scratch scratch;
  fill_repo(scratch);
  fs::path values = scratch.repo() / "apps" / "broken.yaml";
  write_file(values, "kafka:\n  bootstrap: [a\n");  // mtime: now
  lint_report(scratch, true);
  struct stat before {};
  REQUIRE(::stat(values.c_str(), &before) == 0);
  // Same size, same inode, same mtime: only the bytes tell.
  {
    std::fstream f(values, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    f << "Kafka";
  }
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  ::utimensat(AT_FDCWD, values.c_str(), times, 0);
  CHECK(lint_report(scratch, true) == lint_report(scratch, false));
}

TEST_CASE("a damaged, truncated or foreign cache file is ignored and rewritten") {
  Scratch scratch;
  fill_repo(scratch);
  std::string expected = lint_report(scratch, false);
  lint_report(scratch, true);
  std::string good = read_file(scratch.cache_file());
  REQUIRE(good.size() > 100);

  std::string bad;
  SECTION("one byte flipped") {
    bad = good;
    bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x40);
  }
  SECTION("truncated") {
    bad = good.substr(0, good.size() / 2);
  }
  SECTION("empty") {
    bad.clear();
  }
  SECTION("another program's file") {
    bad = "not a cache\n";
  }
  SECTION("written by another build") {
    write_file(scratch.cache_file(), good);
    CHECK(lint_report(scratch, true, 2, "another build") == expected);
    CHECK(read_file(scratch.cache_file()) != good);  // rewritten for that build
    std::string problem;
    FileCache reloaded(scratch.cache_file(), "x");
    CHECK_FALSE(reloaded.load(problem));
    CHECK(problem.find("another version") != std::string::npos);
    return;
  }
  write_file(scratch.cache_file(), bad);
  std::string problem;
  FileCache damaged(scratch.cache_file(), "test build");
  CHECK_FALSE(damaged.load(problem));
  CHECK(damaged.size() == 0);
  CHECK(lint_report(scratch, true) == expected);
  CHECK(read_file(scratch.cache_file()).size() > 100);  // rewritten
  CHECK(records_in(scratch) > 5);
  CHECK(lint_report(scratch, true) == expected);
}

TEST_CASE("a cache file larger than a checksum block is streamed and checked block by block") {
  // The writer streams 1 MiB blocks; records straddle block boundaries.
  Scratch scratch;
  const std::string file = scratch.cache_file();
  std::vector<std::string> paths;
  std::vector<CacheRecord> stored;
  for (int i = 0; i < 5; ++i) {
    paths.push_back("dir/file-" + std::to_string(i) + ".yaml");
    CacheRecord record;
    record.stamp = FileStamp{static_cast<uint64_t>(1000 + i), 42, static_cast<uint64_t>(7 + i)};
    record.content_hash = 99 + static_cast<uint64_t>(i);
    record.flags = CacheRecord::Relevant;
    // One record larger than a block (1.5 MiB), the others straddling boundaries.
    size_t size = i == 2 ? 1536 * 1024 : 700 * 1024 + 13 * i;
    record.documents = CacheBytes::owned(std::string(size, static_cast<char>('a' + i)));
    stored.push_back(std::move(record));
  }
  std::vector<std::pair<std::string_view, const CacheRecord*>> records;
  for (size_t i = 0; i < stored.size(); ++i) records.emplace_back(paths[i], &stored[i]);
  REQUIRE(FileCache(file, "big").write(records));
  const std::string good = read_file(file);
  REQUIRE(good.size() > 4 * (size_t{1} << 20));

  FileCache loaded(file, "big");
  std::string problem;
  REQUIRE(loaded.load(problem));
  REQUIRE(loaded.size() == stored.size());
  for (size_t i = 0; i < stored.size(); ++i) {
    const CacheRecord* record = loaded.find(paths[i]);
    REQUIRE(record != nullptr);
    CHECK(record->stamp == stored[i].stamp);
    CHECK(record->content_hash == stored[i].content_hash);
    CHECK(record->documents.view() == stored[i].documents.view());
  }
  // A byte flipped in a later block, or the file cut at a block boundary.
  for (size_t cut : {size_t{0}, (size_t{1} << 20) * 2}) {
    std::string bad = good;
    if (cut == 0) {
      size_t at = (size_t{1} << 20) * 2 + 5;
      bad[at] = static_cast<char>(bad[at] ^ 0x01);
    } else {
      bad.resize(cut + sizeof(uint64_t));
    }
    write_file(file, bad);
    FileCache damaged(file, "big");
    CHECK_FALSE(damaged.load(problem));
    CHECK(damaged.size() == 0);
  }
}

TEST_CASE("records whose bytes do not decode are parsed afresh") {
  Scratch scratch;
  fill_repo(scratch);
  std::string expected = lint_report(scratch, false);
  lint_report(scratch, true);
  // A cache file with a valid checksum and identity whose records hold
  // garbage: the checksum is no reason to trust what a record says.
  FileCache cache(scratch.cache_file(), stored_identity(read_file(scratch.cache_file())));
  std::string problem;
  REQUIRE(cache.load(problem));
  std::vector<std::pair<std::string_view, CacheRecord>> damaged;
  for (const auto& [path, record] : cache.records()) {
    CacheRecord copy = record;
    copy.line_starts = CacheBytes::owned("\x05\x01");
    copy.documents = CacheBytes::owned("\x03garbage");
    copy.syntax = CacheBytes::owned("\x01");
    damaged.emplace_back(path, std::move(copy));
  }
  std::vector<std::pair<std::string_view, const CacheRecord*>> records;
  for (const auto& [path, record] : damaged) records.emplace_back(path, &record);
  std::sort(records.begin(), records.end());
  REQUIRE(cache.write(records));
  CHECK(lint_report(scratch, true) == expected);
  CHECK(lint_report(scratch, true) == expected);
}

TEST_CASE("concurrent runs on one repository leave a usable cache") {
  Scratch scratch;
  fill_repo(scratch);
  std::string expected = lint_report(scratch, false);
  for (int round = 0; round < 3; ++round) {
    std::vector<std::string> outputs(3);
    std::vector<std::thread> runs;
    for (size_t i = 0; i < outputs.size(); ++i) {
      runs.emplace_back([&, i] { outputs[i] = lint_report(scratch, true, 1); });
    }
    for (auto& run : runs) run.join();
    for (const auto& output : outputs) CHECK(output == expected);
    CHECK(records_in(scratch) > 5);
  }
  // No temporary file is left behind.
  for (const auto& entry : fs::directory_iterator(scratch.cache_dir())) {
    CHECK(entry.path().string().find(".tmp.") == std::string::npos);
  }
}
