// The YAML reader's driver: runs tree-sitter within the work budget, asks
// yaml-cpp where tree-sitter and YAML disagree, and recovers the documents of
// a stream with a syntax error; yaml_tree_builder.cpp builds the trees.
#include "linter/parse/yaml_parser.hpp"

#include <tree_sitter/api.h>

#include <chrono>

#include "linter/base/position_index.hpp"
#include "linter/base/text.hpp"
#include "linter/parse/yaml_block_reader.hpp"
#include "linter/parse/yaml_internal.hpp"
#include "linter/parse/yaml_tree_builder.hpp"

extern "C" const TSLanguage* tree_sitter_yaml(void);

namespace seldon_lint {
namespace {

using namespace yaml_internal;

// The work budget of one parse call, error recovery included: tree-sitter
// calls the progress callback once per ~100 parse operations.
struct Deadline {
  std::chrono::steady_clock::time_point at;
  uint64_t checks_left = 0;
  bool out_of_operations = false;

  Deadline(const YamlLimits& limits, size_t bytes)
      : at(std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.timeout_ms)) {
    uint64_t operations = std::max<uint64_t>(
        limits.min_parse_operations, uint64_t{bytes} * limits.max_parse_operations_per_byte);
    checks_left = operations / 100 + 1;
  }
  std::string message(const YamlLimits& limits) const {
    if (out_of_operations) {
      return "parsing needed more than " + std::to_string(limits.max_parse_operations_per_byte) +
             " parser operations per byte (the work budget)";
    }
    return "parsing took longer than " + std::to_string(limits.timeout_ms) + " ms";
  }
};

bool past_deadline(TSParseState* state) {
  auto* deadline = static_cast<Deadline*>(state->payload);
  if (deadline->checks_left == 0) {
    deadline->out_of_operations = true;
    return true;
  }
  --deadline->checks_left;
  return std::chrono::steady_clock::now() > deadline->at;
}

TSTree* parse_tree(TSParser* parser, std::string_view text, Deadline& deadline,
                   YamlParseResult& result) {
  result.work += text.size();
  TSParseOptions parse_options{&deadline, &past_deadline};
  TSInput input{};
  struct Source {
    std::string_view text;
  } source{text};
  input.payload = &source;
  input.encoding = TSInputEncodingUTF8;
  input.read = [](void* payload, uint32_t byte, TSPoint, uint32_t* bytes_read) -> const char* {
    auto* src = static_cast<Source*>(payload);
    if (byte >= src->text.size()) {
      *bytes_read = 0;
      return "";
    }
    *bytes_read = static_cast<uint32_t>(src->text.size() - byte);
    return src->text.data() + byte;
  };
  ts_parser_reset(parser);
  return ts_parser_parse_with_options(parser, nullptr, input, parse_options);
}

// Byte ranges of the documents of a stream, split at `---` lines.
std::vector<std::pair<size_t, size_t>> document_chunks(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> chunks;
  size_t chunk_start = 0;
  size_t line = 0;
  while (line < text.size()) {
    size_t eol = text.find('\n', line);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view content = text.substr(line, eol - line);
    bool marker = starts_with(content, "---") && (content.size() == 3 || content[3] == ' ' ||
                                                  content[3] == '\r' || content[3] == '\t');
    if (marker && line > chunk_start) {
      chunks.emplace_back(chunk_start, line);
      chunk_start = line;
    }
    line = eol + 1;
  }
  chunks.emplace_back(chunk_start, text.size());
  return chunks;
}

// Block nesting depth by indentation, before tree-sitter sees the text: the
// YAML scanner's serialised indent stack overflows on very deep nesting.
bool block_nesting_exceeds(std::string_view text, size_t limit) {
  std::vector<size_t> indents;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    size_t indent = pos;
    while (indent < eol && text[indent] == ' ') ++indent;
    if (indent < eol && text[indent] != '#' && text[indent] != '\r') {
      size_t column = indent - pos;
      while (!indents.empty() && indents.back() >= column) indents.pop_back();
      indents.push_back(column);
      // "- - - x": each dash opens one more level on the same line.
      for (size_t k = indent; k + 1 < eol && text[k] == '-' && text[k + 1] == ' '; k += 2) {
        indents.push_back(column + (k - indent) + 2);
      }
      if (indents.size() > limit) return true;
    }
    pos = eol + 1;
  }
  return false;
}

// Error recovery: every `---` chunk that parses on its own still counts.  Each
// chunk is parsed alone (not the file with the other chunks blanked), so the
// work is linear in the file, however many documents it has.
void recover_documents(TSParser* parser, std::string_view text, const Frame& frame,
                       const YamlParseOptions& options, Deadline& deadline,
                       YamlParseResult& result) {
  auto chunks = document_chunks(text);
  if (chunks.size() < 2) return;
  for (const auto& [begin, end] : chunks) {
    std::string_view chunk = text.substr(begin, end - begin);
    TSTree* tree = parse_tree(parser, chunk, deadline, result);
    if (tree == nullptr) {
      result.limit_exceeded = true;
      result.limit_message = "error recovery: " + deadline.message(options.limits);
      break;
    }
    TSNode root = ts_tree_root_node(tree);
    if (!ts_node_has_error(root)) {
      TreeBuilder builder(chunk, frame.shifted(static_cast<uint32_t>(begin)), options);
      if (!builder.collect_documents(root, result.documents)) {
        result.limit_exceeded = true;
        result.limit_message = builder.limit_message();
      }
      result.work += builder.nodes_built();
    }
    ts_tree_delete(tree);
    if (result.limit_exceeded) break;
  }
  if (result.limit_exceeded) result.documents.clear();
}

YamlParseResult parse_in_frame(TSParser* parser, std::string_view text, const Frame& frame,
                               const YamlParseOptions& options) {
  YamlParseResult result;
  result.work += text.size();
  if (block_nesting_exceeds(text, options.limits.max_block_depth)) {
    result.limit_exceeded = true;
    result.limit_message = "block nesting is deeper than " +
                           std::to_string(options.limits.max_block_depth) + " levels";
    return result;
  }
  if (options.block_reader && !options.want_comments &&
      read_block_yaml(text, frame, options, result)) {
    return result;
  }
  // One budget for the parse and its error recovery (which parses each
  // chunk again): at most twice the bytes, so the same per-byte budget.
  Deadline deadline(options.limits, text.size() * 2);
  TSTree* tree = parse_tree(parser, text, deadline, result);
  if (tree == nullptr) {
    result.limit_exceeded = true;
    result.limit_message = deadline.message(options.limits);
    return result;
  }
  TSNode root = ts_tree_root_node(tree);
  TreeBuilder builder(text, frame, options);

  bool use_yaml_cpp_tree = false;
  if (ts_node_has_error(root)) {
    Position where;
    std::string message;
    result.work += text.size();
    if (yaml_cpp_rejects(text, frame, where, message)) {
      result.syntax_error = true;
      result.error_position = where;
      result.error_message = message;
    } else {
      use_yaml_cpp_tree = true;  // tree-sitter is stricter than YAML here
    }
  }

  if (options.want_documents && use_yaml_cpp_tree) {
    parse_with_yaml_cpp(text, frame, options, result);
  } else if (options.want_documents && result.syntax_error) {
    recover_documents(parser, text, frame, options, deadline, result);
  } else if (options.want_documents) {
    if (!builder.collect_documents(root, result.documents)) {
      result.limit_exceeded = true;
      result.limit_message = builder.limit_message();
      result.documents.clear();
    } else if (builder.has_alias_error() && !result.syntax_error) {
      result.syntax_error = true;
      result.error_position = frame.at(builder.alias_error_offset());
      result.error_message = builder.alias_error();
    }
  }
  if (options.want_comments) builder.collect_comments(root, result.comments);
  result.work += builder.nodes_built();
  ts_tree_delete(tree);
  return result;
}

}  // namespace

YamlParser::YamlParser() : parser_(ts_parser_new()) {
  ts_parser_set_language(parser_, tree_sitter_yaml());
}

YamlParser::~YamlParser() {
  ts_parser_delete(parser_);
}

YamlParseResult YamlParser::parse(std::string_view text, const std::vector<uint32_t>& line_starts,
                                  const YamlParseOptions& options) {
  PositionIndex index(text, line_starts);
  return parse_in_frame(parser_, text, Frame{text, line_starts, index, 0}, options);
}

YamlParseResult YamlParser::parse_region(std::string_view file_text,
                                         const std::vector<uint32_t>& line_starts, uint32_t begin,
                                         uint32_t end, const YamlParseOptions& options) {
  end = std::min<uint32_t>(end, static_cast<uint32_t>(file_text.size()));
  begin = std::min(begin, end);
  PositionIndex index(file_text, line_starts, begin, end);
  return parse_in_frame(parser_, file_text.substr(begin, end - begin),
                        Frame{file_text, line_starts, index, begin}, options);
}

}  // namespace seldon_lint
