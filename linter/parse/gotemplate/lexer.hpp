// Internal to the Go template parser: the lexer.  It walks the text between
// actions (with `{{-`/`-}}` trimming), skips comments, and splits an action
// into tokens, decoding string and character literals (strconv.Unquote rules).
#pragma once

#include <cstdint>
#include <string>

#include "linter/parse/gotemplate/ast.hpp"

namespace seldon_lint::gotemplate {

// A syntax error at a byte offset of the template.
struct ParseError {
  std::string message;
  uint32_t offset;
};

struct Token {
  enum class Type : unsigned char {
    Close,
    LeftParen,
    RightParen,
    Pipe,
    Comma,
    Declare,
    Assign,
    String,
    Number,
    Char,
    Dot,
    Field,
    Variable,
    Identifier,
    End
  };
  Type type = Type::End;
  std::string text;  // decoded string, field name, identifier...
  uint32_t offset = 0;
  bool space_before = false;
  bool trim_after = false;  // Close: " -}}"
};

class Lexer {
 public:
  explicit Lexer(const std::string& text) : text_(text) {}

  // Appends the text up to the next action; returns false at end of input.
  bool scan_text(NodeList& out);
  // After `{{` (and its trim marker): a comment is skipped whole.  Returns true if it was one.
  bool skip_comment();
  // Where the current action's `{{` is.
  uint32_t action_offset() const { return action_offset_; }
  // Set by the parser at a `-}}`: the next text starts without its leading space.
  void trim_next_text(bool on) { trim_next_text_ = on; }

  Token next();
  const Token& peek();
  // The token after the current one, past any peeked token.
  Token lex();
  // Where the lexer is; rewind(mark, t) returns there with `t` peeked again.
  size_t mark() const { return pos_; }
  void rewind(size_t mark, Token peeked);

 private:
  void lex_escape(std::string& out, char quote);
  std::string lex_quoted();
  std::string lex_raw();
  std::string lex_char();

  const std::string& text_;
  size_t pos_ = 0;
  uint32_t action_offset_ = 0;
  bool trim_next_text_ = false;
  bool peeked_ = false;
  Token peek_;
};

}  // namespace seldon_lint::gotemplate
