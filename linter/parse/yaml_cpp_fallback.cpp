// yaml-cpp as the YAML reader's second opinion: its verdict on text
// tree-sitter flagged as broken, and a tree for the rare text tree-sitter
// cannot parse but YAML accepts.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "linter/parse/yaml_internal.hpp"

namespace seldon_lint::yaml_internal {
namespace {

using yaml::Kind;
using yaml::Node;
using yaml::Style;

// Discards yaml-cpp's events: validation only, no node tree.
class NullEventHandler : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// yaml-cpp's verdict on a file tree-sitter flagged.  Event-driven and bounded:
// on some malformed streams yaml-cpp 0.7 yields empty documents forever
// (`,,,,x,,,,` — found by fuzzing), so more documents than bytes is an error.
// Fallback tree from yaml-cpp for the rare file tree-sitter cannot parse but
// YAML accepts: start positions only (end = start, or start + text for scalars).
class YamlCppBuilder {
 public:
  YamlCppBuilder(std::string_view text, const Frame& frame, const YamlParseOptions& options)
      : text_(text), frame_(frame), options_(options) {}

  bool limit_exceeded() const { return !limit_message_.empty(); }
  const std::string& limit_message() const { return limit_message_; }

  Node build(const YAML::Node& n, unsigned depth) {
    Node node;
    node.file = options_.file;
    Position begin = position_of(n.Mark());
    node.range = Range{begin, begin};
    if (depth > options_.limits.max_depth || ++count_ > options_.limits.max_nodes) {
      if (limit_message_.empty()) limit_message_ = "document too deep or too large";
      return node;
    }
    switch (n.Type()) {
      case YAML::NodeType::Scalar: {
        node.kind = Kind::Scalar;
        node.style = Style::Plain;
        node.scalar = n.Scalar();
        if (n.Tag() == "?" && is_plain_null(node.scalar)) node.kind = Kind::Null;
        uint32_t local = begin.offset - frame_.base;
        uint32_t end = local + static_cast<uint32_t>(node.scalar.size());
        if (end <= text_.size() && text_.substr(local, node.scalar.size()) == node.scalar) {
          node.range.end = frame_.at(end);
        }
        break;
      }
      case YAML::NodeType::Sequence:
        node.kind = Kind::Seq;
        for (const auto& item : n) {
          node.items.push_back(build(item, depth + 1));
          if (limit_exceeded()) break;
        }
        break;
      case YAML::NodeType::Map: {
        node.kind = Kind::Map;
        std::vector<Node> merges;
        for (const auto& kv : n) {
          yaml::Entry entry;
          entry.key_file = options_.file;
          entry.key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
          Position kb = position_of(kv.first.Mark());
          uint32_t kend = kb.offset - frame_.base + static_cast<uint32_t>(entry.key.size());
          entry.key_range =
              Range{kb, frame_.at(std::min<uint32_t>(kend, static_cast<uint32_t>(text_.size())))};
          entry.value = build(kv.second, depth + 1);
          // An unquoted `<<` (yaml-cpp tags plain scalars "?") merges, as in
          // the tree-sitter tree.
          if (entry.key == "<<" && kv.first.Tag() == "?") {
            merges.push_back(std::move(entry.value));
          } else {
            node.entries.push_back(std::move(entry));
          }
          if (limit_exceeded()) break;
        }
        apply_merges(node, merges);
        break;
      }
      default:
        break;
    }
    return node;
  }

 private:
  Position position_of(const YAML::Mark& mark) const {
    uint32_t offset = mark.pos > 0 ? static_cast<uint32_t>(mark.pos) : 0;
    return frame_.at(std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size())));
  }
  std::string_view text_;
  Frame frame_;
  const YamlParseOptions& options_;
  size_t count_ = 0;
  std::string limit_message_;
};

}  // namespace

bool yaml_cpp_rejects(std::string_view text, const Frame& frame, Position& where,
                      std::string& message) {
  try {
    std::stringstream in{std::string(text)};
    YAML::Parser parser(in);
    NullEventHandler handler;
    size_t documents = 0;
    while (parser.HandleNextDocument(handler)) {
      if (++documents > text.size() + 1) {
        where = frame.at(0);
        message = "the document stream does not make progress (malformed flow or indicators)";
        return true;
      }
    }
    return false;
  } catch (const YAML::Exception& e) {
    uint32_t offset = e.mark.pos >= 0 ? static_cast<uint32_t>(e.mark.pos) : 0;
    where = frame.at(std::min<uint32_t>(offset, static_cast<uint32_t>(text.size())));
    message = e.msg;
    return true;
  } catch (const std::exception& e) {
    where = frame.at(0);
    message = e.what();
    return true;
  }
}

void parse_with_yaml_cpp(std::string_view text, const Frame& frame, const YamlParseOptions& options,
                         YamlParseResult& result) {
  try {
    std::string copy(text);
    result.work += text.size();
    std::vector<YAML::Node> docs = YAML::LoadAll(copy);
    YamlCppBuilder builder(text, frame, options);
    for (const auto& d : docs) {
      yaml::Document doc;
      doc.root = builder.build(d, 0);
      doc.range = doc.root.range;
      if (builder.limit_exceeded()) {
        result.limit_exceeded = true;
        result.limit_message = builder.limit_message();
        result.documents.clear();
        return;
      }
      result.documents.push_back(std::move(doc));
    }
  } catch (const std::exception&) {
    // Already known to parse; nothing more to recover.
  }
}

}  // namespace seldon_lint::yaml_internal
