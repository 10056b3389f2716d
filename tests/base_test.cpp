// The base pieces every stage leans on: path globs, base64 as Kubernetes
// decodes Secret `data`, UTF-8 columns, `git diff` parsing, fingerprints and
// the open-addressing index behind the path and overlay-chain tables, path
// joining, and texts read again from disk.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "linter/base/base64.hpp"
#include "linter/base/frozen_map.hpp"
#include "linter/base/glob.hpp"
#include "linter/base/hash_slots.hpp"
#include "linter/base/path_index.hpp"
#include "linter/base/repo_path.hpp"
#include "linter/base/text.hpp"
#include "linter/engine/diff.hpp"
#include "linter/engine/engine.hpp"
#include "seldon_lint/file_text.hpp"

using namespace seldon_lint;

TEST_CASE("glob: ** spans folders, * and ? stay in one segment", "[base][glob]") {
  CHECK(glob_match("**", "a/b/c.yaml"));
  CHECK(glob_match("**/values.yaml", "values.yaml"));  // ** may match no folder
  CHECK(glob_match("**/values.yaml", "a/b/values.yaml"));
  CHECK(glob_match("a/**/z.yaml", "a/z.yaml"));
  CHECK(glob_match("a/**/z.yaml", "a/b/c/z.yaml"));
  CHECK_FALSE(glob_match("a/**/z.yaml", "b/z.yaml"));
  CHECK(glob_match("*.yaml", "values.yaml"));
  CHECK_FALSE(glob_match("*.yaml", "envs/values.yaml"));
  CHECK(glob_match("envs/*-prod/*", "envs/eu-prod/values.yaml"));
  CHECK_FALSE(glob_match("envs/*-prod/*", "envs/eu-prod"));
  CHECK(glob_match("v?lues.yaml", "values.yaml"));
  CHECK_FALSE(glob_match("v?lues.yaml", "vlues.yaml"));
  CHECK(glob_match("*a*b*", "xxaxxbxx"));  // backtracking over several stars
  CHECK_FALSE(glob_match("*a*b*", "xxbxxaxx"));
  CHECK(glob_match("./envs/*.yaml", "envs/a.yaml"));  // a leading ./ is ignored on both sides
  CHECK(glob_match("envs/*.yaml", "./envs/a.yaml"));
  CHECK(glob_match("", ""));
  CHECK_FALSE(glob_match("", "a"));
  CHECK_FALSE(glob_match("a/b", "a/b/c"));  // a pattern matches whole paths only
}

TEST_CASE("base64: standard alphabet, padding as Kubernetes requires", "[base][base64]") {
  std::string out;
  CHECK(decode_base64("c2VsZG9u", out));  // no padding needed
  CHECK(out == "seldon");
  CHECK(decode_base64("c2VsZG9uLWthZmth", out));
  CHECK(out == "seldon-kafka");
  CHECK(decode_base64("QQ==", out));
  CHECK(out == "A");
  CHECK(decode_base64("QUI=", out));
  CHECK(out == "AB");
  CHECK(decode_base64("", out));
  CHECK(out.empty());
  CHECK(decode_base64("c2Vs\nZG9u\n", out));  // line breaks of a block scalar are skipped
  CHECK(out == "seldon");
  CHECK(decode_base64("+/+/", out));
  CHECK(out == "\xfb\xff\xbf");
  // Padding must complete the last group of four, and nothing may follow it.
  CHECK_FALSE(decode_base64("QQ", out));         // missing ==
  CHECK_FALSE(decode_base64("QQ=", out));        // one = short
  CHECK_FALSE(decode_base64("QUI", out));        // missing =
  CHECK_FALSE(decode_base64("QUI==", out));      // one = too many
  CHECK_FALSE(decode_base64("Q===", out));       // a lone 6-bit tail
  CHECK_FALSE(decode_base64("QQ==QQ==", out));   // data after padding
  CHECK_FALSE(decode_base64("c2VsZG9u!", out));  // not in the alphabet
  CHECK_FALSE(decode_base64("c2Vs-_9u", out));   // the URL-safe alphabet is not standard base64
}

TEST_CASE("utf-8 columns count code points, offsets stay bytes", "[base][utf8]") {
  const std::string text = "a: x\nname: \xc3\xa9t\xc3\xa9\nemoji: \xf0\x9f\x98\x80!\n";
  auto starts = compute_line_starts(text);
  REQUIRE(starts.size() == 4);  // three lines and the empty one after the last newline
  Position first = position_at(text, starts, 3);
  CHECK(first.line == 1);
  CHECK(first.column == 4);
  // "name: été": the 't' after 'é' (2 bytes) is column 8, byte 5 + 8.
  Position t = position_at(text, starts, starts[1] + 8);
  CHECK(t.line == 2);
  CHECK(t.column == 8);
  CHECK(t.offset == starts[1] + 8);
  // "emoji: 😀!": the '!' after a 4-byte code point is column 9.
  Position bang = position_at(text, starts, starts[2] + 11);
  CHECK(bang.line == 3);
  CHECK(bang.column == 9);
  // Offsets past the end clamp to the end of the text.
  Position end = position_at(text, starts, 10000);
  CHECK(end.offset == text.size());
  CHECK(end.line == 4);
  CHECK(end.column == 1);

  CHECK(is_valid_utf8(text));
  CHECK(first_invalid_utf8("ok \xc3(") == 3);          // a lead byte without its continuation
  CHECK(first_invalid_utf8("\xc0\xaf") == 0);          // overlong '/'
  CHECK(first_invalid_utf8("x\xed\xa0\x80") == 1);     // a UTF-16 surrogate
  CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(first_invalid_utf8("\xe2\x82") == 0);          // cut short by the end
  CHECK(first_invalid_utf8("plain") == std::string::npos);
}

TEST_CASE("diff: changed lines from git diff --unified=0", "[base][diff]") {
  const std::string diff =
      "diff --git a/envs/prod/values.yaml b/envs/prod/values.yaml\n"
      "index 1111111..2222222 100644\n"
      "--- a/envs/prod/values.yaml\n"
      "+++ b/envs/prod/values.yaml\n"
      "@@ -3 +3 @@ kafka:\n"
      "-  bootstrap: a:9092\n"
      "+  bootstrap: b:9092\n"
      "@@ -10,0 +11,2 @@\n"
      "+x: 1\n"
      "+y: 2\n"
      "@@ -20,2 +21,0 @@\n"
      "-gone: 1\n"
      "-gone: 2\n"
      "diff --git a/old.yaml b/old.yaml\n"
      "deleted file mode 100644\n"
      "--- a/old.yaml\n"
      "+++ /dev/null\n"
      "@@ -1,2 +0,0 @@\n"
      "-a: 1\n"
      "-b: 2\n"
      "diff --git \"a/caf\\303\\251 \\\"x\\\".yaml\" \"b/caf\\303\\251 \\\"x\\\".yaml\"\n"
      "--- \"a/caf\\303\\251 \\\"x\\\".yaml\"\n"
      "+++ \"b/caf\\303\\251 \\\"x\\\".yaml\"\n"
      "@@ -0,0 +1 @@\n"
      "+k: v\n";
  ChangedLines changed = parse_unified_diff(diff);
  const std::string values = "envs/prod/values.yaml";
  CHECK(changed.contains(values, 3));
  CHECK(changed.contains(values, 11));
  CHECK(changed.contains(values, 12));
  CHECK_FALSE(changed.contains(values, 13));
  // A pure deletion after line 21 marks the lines on both sides of the gap.
  CHECK(changed.contains(values, 21));
  CHECK(changed.contains(values, 22));
  CHECK_FALSE(changed.contains(values, 4));
  CHECK(changed.lines.count("old.yaml") == 0);           // deleted: nothing left to report on
  CHECK(changed.contains("caf\xc3\xa9 \"x\".yaml", 1));  // git's C-quoted path, unquoted
  CHECK_FALSE(changed.contains("other.yaml", 1));
  ChangedLines whole;
  whole.whole_files.insert("new.yaml");
  CHECK(whole.contains("new.yaml", 999));
}

namespace {

Finding finding_at(FileId file, uint32_t line, std::string rule, std::string identity) {
  Finding f;
  f.rule_id = std::move(rule);
  f.location.file = file;
  f.location.range.begin.line = line;
  f.identity = std::move(identity);
  f.message = "message";
  return f;
}

}  // namespace

TEST_CASE("fingerprints: by content, stable when lines move, unique per file",
          "[base][fingerprint]") {
  Model model;
  model.files.resize(2);
  model.files[0].path = "envs/prod/values.yaml";
  model.files[1].path = "envs/staging/values.yaml";

  std::vector<Finding> before = {finding_at(0, 3, "SL101", "security.kafka.protocol=PLAINTEXT")};
  std::vector<Finding> moved = {finding_at(0, 40, "SL101", "security.kafka.protocol=PLAINTEXT")};
  assign_fingerprints(before, model);
  assign_fingerprints(moved, model);
  CHECK(before[0].fingerprint == moved[0].fingerprint);  // the line is not part of it
  CHECK(before[0].fingerprint.size() == 16 + 2);         // 64-bit hex and ':1'
  CHECK(before[0].fingerprint.ends_with(":1"));

  std::vector<Finding> others = {
      finding_at(1, 3, "SL101", "security.kafka.protocol=PLAINTEXT"),  // another file
      finding_at(0, 3, "SL102", "security.kafka.protocol=PLAINTEXT"),  // another rule
      finding_at(0, 3, "SL101", "security.kafka.protocol=SSL"),        // another identity
  };
  assign_fingerprints(others, model);
  for (const auto& f : others) CHECK(f.fingerprint != before[0].fingerprint);

  // The same content twice in one file: numbered occurrences, in order.
  std::vector<Finding> twice = {finding_at(0, 3, "SL101", "x"), finding_at(0, 9, "SL101", "x")};
  assign_fingerprints(twice, model);
  CHECK(twice[0].fingerprint.substr(0, 16) == twice[1].fingerprint.substr(0, 16));
  CHECK(twice[0].fingerprint.ends_with(":1"));
  CHECK(twice[1].fingerprint.ends_with(":2"));

  // Without an identity the message identifies the finding.
  std::vector<Finding> by_message = {finding_at(0, 3, "SL001", ""), finding_at(0, 3, "SL001", "")};
  by_message[1].message = "another message";
  assign_fingerprints(by_message, model);
  CHECK(by_message[0].fingerprint != by_message[1].fingerprint);
}

TEST_CASE("hash slots: records sharing a hash are told apart by the caller's match",
          "[base][hash]") {
  std::vector<std::string> records = {"a", "b", "c", "d", "e"};
  HashSlots slots(records.size());
  // Every record under one hash: each lookup probes past the others.
  for (uint32_t i = 0; i < records.size(); ++i) slots.insert(42, i);
  for (uint32_t i = 0; i < records.size(); ++i) {
    CHECK(slots.find(42, [&](uint32_t r) { return records[r] == records[i]; }) == i);
  }
  CHECK(slots.find(42, [](uint32_t) { return false; }) == HashSlots::kNone);
  CHECK(slots.find(7, [](uint32_t) { return true; }) == HashSlots::kNone);
  // Sized for five: a sixth is a caller bug, not a silent overflow.
  CHECK_THROWS_AS(slots.insert(1, 5), std::logic_error);
  CHECK(HashSlots().find(42, [](uint32_t) { return true; }) == HashSlots::kNone);
}

TEST_CASE("path index: exact paths only, the first of a repeated path", "[base][hash]") {
  std::vector<SourceFile> files(4);
  files[0].path = "apps/base/kustomization.yaml";
  files[1].path = "apps/base/values.yaml";
  files[2].path = "apps/base/values.yaml";  // listed twice
  files[3].path = "";
  PathIndex index(files);
  CHECK(index.find("apps/base/kustomization.yaml") == 0);
  CHECK(index.find("apps/base/values.yaml") == 1);
  CHECK(index.find("") == 3);
  CHECK(index.find("apps/base") == kNoFile);
  CHECK(index.find("./apps/base/values.yaml") == kNoFile);  // spelled as the model spells it
  CHECK(PathIndex().find("apps/base/values.yaml") == kNoFile);
  // Many paths: every one found, none invented.
  std::vector<SourceFile> many(5000);
  for (size_t i = 0; i < many.size(); ++i) many[i].path = "apps/" + std::to_string(i) + ".yaml";
  PathIndex big(many);
  for (FileId i = 0; i < many.size(); ++i) CHECK(big.find(many[i].path) == i);
  CHECK(big.find("apps/5000.yaml") == kNoFile);
}

TEST_CASE("frozen map: exact keys, the last value of a repeated key", "[base][hash]") {
  FrozenMap<std::string, int> owned({{"apps/base", 1}, {"apps/prod", 2}, {"apps/base", 3}});
  REQUIRE(owned.find("apps/base") != nullptr);
  CHECK(*owned.find("apps/base") == 3);  // as map[key] = value would leave it
  CHECK(*owned.find("apps/prod") == 2);
  CHECK(owned.find("apps") == nullptr);
  CHECK(owned.find("") == nullptr);
  CHECK(FrozenMap<std::string, int>().find("apps/base") == nullptr);
  std::vector<std::string> folders = {"", "a", "a/b"};
  FrozenMap<std::string_view, size_t> views({{folders[0], 0}, {folders[1], 1}, {folders[2], 2}});
  for (size_t i = 0; i < folders.size(); ++i) CHECK(*views.find(folders[i]) == i);
  CHECK(views.find("a/") == nullptr);
}

TEST_CASE("path joining: '.' and '..' resolved, the root never left", "[base][path]") {
  auto joined = [](std::string_view folder, std::string_view relative) {
    std::string out = "untouched";
    return seldon_lint::join_path(folder, relative, out) ? out : "<outside: " + out + ">";
  };
  CHECK(joined("apps/prod", "../base") == "apps/base");
  CHECK(joined("apps/prod", "./patch.yaml") == "apps/prod/patch.yaml");
  CHECK(joined("apps//prod/", "x/./y//z.yaml") == "apps/prod/x/y/z.yaml");
  CHECK(joined("a/b", "../..") == "");
  CHECK(joined("", "") == "");
  CHECK(joined("", "./") == "");
  CHECK(joined("a/b", "../../c/../d") == "d");
  CHECK(joined("a/bb/ccc", "../../../..") == "<outside: untouched>");  // `out` kept
  CHECK(joined("", "../a") == "<outside: untouched>");
  CHECK(joined("a", "b/../../..") == "<outside: untouched>");
  CHECK(joined("..", "a") == "<outside: untouched>");
  CHECK(joined("a/..b/c..", "..") == "a/..b");  // only a whole segment is special

  // Either argument may be a view of the output string.
  std::string out = "apps/prod";
  REQUIRE(seldon_lint::join_path(out, "../base/./x", out));
  CHECK(out == "apps/base/x");
  out = "../y";
  REQUIRE(seldon_lint::join_path("a/b", out, out));
  CHECK(out == "a/y");

  CHECK(seldon_lint::resolve_relative("apps/prod/kustomization.yaml", "../base") == "apps/base");
  CHECK(seldon_lint::resolve_relative("kustomization.yaml", "base/") == "base");
  CHECK(seldon_lint::resolve_relative("kustomization.yaml", "../x").empty());
  CHECK(seldon_lint::resolve_relative("a/k.yaml", "https://example.com/x").empty());
  CHECK(seldon_lint::resolve_relative("a/k.yaml", "/etc/x").empty());
}

TEST_CASE("a text read again from disk is the parsed bytes, or blanks of their size",
          "[base][text]") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("seldon-lint-file-text-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "values.yaml").string();
  auto write = [&](const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; };
  const std::string parsed = "a: 1\nb: 2\n";
  write(parsed);

  seldon_lint::FileText same;
  same.defer(path, parsed.size());
  CHECK(same.size() == parsed.size());  // answered without reading
  CHECK(same.str() == parsed);

  seldon_lint::FileText grown;
  grown.defer(path, parsed.size());
  write(parsed + "c: 3\n");  // changed after the parse
  CHECK(grown.str() == std::string(parsed.size(), ' '));

  seldon_lint::FileText shrunk;
  shrunk.defer(path, parsed.size());
  write("a: 1\n");
  CHECK(shrunk.str() == std::string(parsed.size(), ' '));

  seldon_lint::FileText gone;
  gone.defer((dir / "missing.yaml").string(), 4);
  CHECK(gone.str() == "    ");

  // A path that now names a device is read no further than the parsed size.
  seldon_lint::FileText device;
  device.defer("/dev/zero", 8);
  CHECK(device.str() == std::string(8, ' '));
  fs::remove_all(dir);
}
