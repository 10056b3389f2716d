// The body of every fuzz target, shared by the libFuzzer entry points
// (fuzz/fuzz_*.cpp) and by the regression replay in the test suite
// (tests/fuzz_regressions_test.cpp replays fuzz/regressions/<target>/ through
// the same function).  A failed property calls __builtin_trap (a crash to the
// fuzzer, a dead test binary to ctest: both loud).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/repository_input.hpp"
#include "linter/base/base64.hpp"
#include "linter/base/glob.hpp"
#include "linter/base/text.hpp"
#include "linter/cli/config.hpp"
#include "linter/cli/lint.hpp"
#include "linter/engine/diff.hpp"
#include "linter/engine/suppressions.hpp"
#include "linter/parse/yaml_parser.hpp"

namespace seldon_lint::fuzz {

// Arbitrary bytes to the YAML parser exactly as the linter gives them: UTF-8
// check, then one parse with tree building and comments.  Then the block
// reader's property: with it or without it (tree-sitter only), the same
// documents and the same verdict.
inline void yaml_one(std::string_view text) {
  if (!is_valid_utf8(text) || text.find('\0') != std::string_view::npos) return;  // SL002
  YamlParser parser;
  YamlParseOptions options;
  options.file = 0;
  options.want_comments = true;
  auto starts = compute_line_starts(text);
  auto result = parser.parse(text, starts, options);
  for (const auto& doc : result.documents) {
    if (doc.range.end.offset > text.size()) __builtin_trap();
  }
  options.want_comments = false;
  auto fast = parser.parse(text, starts, options);
  options.block_reader = false;
  auto slow = parser.parse(text, starts, options);
  if (fast.syntax_error != slow.syntax_error || fast.limit_exceeded != slow.limit_exceeded ||
      fast.documents.size() != slow.documents.size()) {
    __builtin_trap();
  }
  for (size_t i = 0; i < fast.documents.size(); ++i) {
    if (!yaml::same_range(fast.documents[i].range, slow.documents[i].range) ||
        !yaml::same_tree(fast.documents[i].root, slow.documents[i].root)) {
      __builtin_trap();
    }
  }
}

// A whole repository (repository_input.hpp), every rule, files in memory.
inline LintResult repository_one(std::string_view data, unsigned jobs = 1) {
  std::vector<MemoryFile> files = split_repository(data);
  LintOptions options;
  options.root = "/fuzz";
  options.memory_files = &files;
  options.jobs = jobs;
  options.today = "2026-01-01";  // deterministic `until=` handling
  for (const auto& file : files) {
    ConfigError error;
    Config config;
    if (file.relative == ".seldon-lint.yaml" &&
        parse_config(file.content, file.relative, config, error)) {
      options.config = std::move(config);
    }
  }
  return lint(options);
}

// .seldon-lint.yaml: any bytes give a Config or a located error.
inline void config_one(std::string_view data) {
  Config config;
  ConfigError error;
  if (!parse_config(std::string(data), ".seldon-lint.yaml", config, error) &&
      error.message.empty()) {
    __builtin_trap();  // a failure must say why
  }
}

// Suppression comments in every file kind; the first byte picks the kind.
inline void suppressions_one(std::string_view data) {
  if (data.empty()) return;
  static constexpr FileKind kKinds[] = {FileKind::Yaml, FileKind::Terraform, FileKind::Bicep,
                                        FileKind::ArmJson};
  SourceFile file;
  file.path = "values.yaml";
  file.kind = kKinds[static_cast<unsigned char>(data[0]) % 4];
  file.text = std::string(data.substr(1));
  file.line_starts = compute_line_starts(file.text);
  for (const auto& directive : scan_directives(file)) {
    if (directive.range.end.offset > file.text.size()) __builtin_trap();
  }
}

// `git diff --unified=0` output for --diff-base.
inline void diff_one(std::string_view data) {
  auto changed = parse_unified_diff(std::string(data));
  (void)changed;
}

// PATTERN \n PATH.  `**` matches every path; a glob without wildcard, class,
// brace or escape matches itself.
inline void glob_one(std::string_view input) {
  size_t newline = input.find('\n');
  std::string_view pattern = input.substr(0, newline);
  std::string_view path = newline == std::string_view::npos ? "" : input.substr(newline + 1);
  (void)glob_match(pattern, path);
  if (!glob_match("**", path)) __builtin_trap();
  if (pattern.find_first_of("*?[{\\") == std::string_view::npos && !glob_match(pattern, pattern))
    __builtin_trap();
}

inline std::string encode_base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(v >> shift) & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = byte(i) << 16;
    if (rest == 2) v |= byte(i + 1) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Secret `data:` decoding: any bytes decode without crashing, and the input
// encoded with the standard alphabet decodes back to itself.
inline void base64_one(std::string_view input) {
  std::string decoded;
  (void)decode_base64(input, decoded);
  if (!decode_base64(encode_base64(input), decoded) || decoded != input) __builtin_trap();
}

}  // namespace seldon_lint::fuzz
