// The parse tree of a Go text/template, as the evaluator walks it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "linter/parse/gotemplate/value.hpp"

namespace seldon_lint::gotemplate {

struct Pipe;

struct Operand {
  enum class Kind : unsigned char { Dot, Nil, Constant, Field, Variable, Function, SubPipe };
  Kind kind = Kind::Dot;
  std::string name;                 // function or variable name ("$x", "$")
  std::vector<std::string> fields;  // field chain after the term (.a.b)
  Value constant;                   // Kind::Constant
  std::shared_ptr<Pipe> pipe;       // Kind::SubPipe
  uint32_t offset = 0;
};

struct Command {
  std::vector<Operand> args;
  uint32_t offset = 0;
};

struct Pipe {
  std::vector<std::string> declared;  // variables on the left of := or =
  bool assign = false;                // `=` rather than `:=`
  std::vector<Command> commands;
  uint32_t offset = 0;
};

struct Node {
  enum class Type : unsigned char { Text, Action, If, Range, With, Template, Break, Continue };
  Type type = Type::Text;
  uint32_t offset = 0;  // byte offset in the file (for Text: of the first byte kept)
  std::string text;     // Text: the text; Template: the template name
  std::shared_ptr<Pipe> pipe;
  std::vector<Node> body;
  std::vector<Node> else_body;
};

using NodeList = std::vector<Node>;

// A named template: `define`/`block` bodies, and each file by its own name.
struct Definition {
  std::shared_ptr<const NodeList> body;
  uint32_t file = 0;  // index of the file that defined it
};

struct ParsedFile {
  std::shared_ptr<const NodeList> body;
  std::map<std::string, Definition> definitions;  // defined in this file, in order
  bool ok = true;
  std::string error;  // "unexpected ..." when !ok
  uint32_t error_offset = 0;
};

struct ParseLimits {
  unsigned max_depth = 200;  // nested control structures and parentheses
};

// Parses `text` (the file with index `file` in its set).
ParsedFile parse_template(const std::string& text, uint32_t file, const ParseLimits& limits = {});

}  // namespace seldon_lint::gotemplate
