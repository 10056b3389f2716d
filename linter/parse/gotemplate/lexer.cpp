// The Go template lexer (lexer.hpp).
#include "linter/parse/gotemplate/lexer.hpp"

#include <optional>

#include "linter/base/text.hpp"

namespace seldon_lint::gotemplate {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The tokens of one punctuation character.
std::optional<Token::Type> single_char_token(char c) {
  switch (c) {
    case '(':
      return Token::Type::LeftParen;
    case ')':
      return Token::Type::RightParen;
    case '|':
      return Token::Type::Pipe;
    case ',':
      return Token::Type::Comma;
    case '=':
      return Token::Type::Assign;
    default:
      return std::nullopt;
  }
}

}  // namespace
// Appends the text up to the next action; returns false at end of input.
bool Lexer::scan_text(NodeList& out) {
  size_t open = text_.find("{{", pos_);
  size_t text_end = open == std::string::npos ? text_.size() : open;
  size_t begin = pos_;
  if (trim_next_text_) {
    while (begin < text_end && is_space(text_[begin])) ++begin;
    trim_next_text_ = false;
  }
  size_t end = text_end;
  if (open != std::string::npos && open + 3 < text_.size() + 1 &&
      text_.compare(open, 3, "{{-") == 0 && open + 3 < text_.size() && is_space(text_[open + 3])) {
    while (end > begin && is_space(text_[end - 1])) --end;
  }
  if (end > begin) {
    Node node;
    node.type = Node::Type::Text;
    node.offset = static_cast<uint32_t>(begin);
    node.text = text_.substr(begin, end - begin);
    out.push_back(std::move(node));
  }
  if (open == std::string::npos) {
    pos_ = text_.size();
    return false;
  }
  pos_ = open + 2;
  action_offset_ = static_cast<uint32_t>(open);
  if (text_.compare(pos_, 1, "-") == 0 && pos_ + 1 < text_.size() && is_space(text_[pos_ + 1]))
    pos_ += 2;
  return true;
}

// After `{{` (and its trim marker): a comment is skipped whole.  Returns true if it was one.
bool Lexer::skip_comment() {
  size_t p = pos_;
  while (p < text_.size() && is_space(text_[p])) ++p;
  if (text_.compare(p, 2, "/*") != 0) return false;
  size_t close = text_.find("*/", p + 2);
  if (close == std::string::npos) throw ParseError{"unclosed comment", action_offset_};
  p = close + 2;
  if (text_.compare(p, 4, " -}}") == 0 ||
      (p < text_.size() && is_space(text_[p]) && text_.compare(p + 1, 3, "-}}") == 0)) {
    trim_next_text_ = true;
    pos_ = p + 4;
    return true;
  }
  if (text_.compare(p, 2, "}}") != 0)
    throw ParseError{"comment ends before closing delimiter", action_offset_};
  pos_ = p + 2;
  return true;
}

Token Lexer::next() {
  if (peeked_) {
    peeked_ = false;
    return peek_;
  }
  return lex();
}
const Token& Lexer::peek() {
  if (!peeked_) {
    peek_ = lex();
    peeked_ = true;
  }
  return peek_;
}

Token Lexer::lex() {
  Token t;
  size_t start = pos_;
  while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  t.space_before = pos_ > start;
  t.offset = static_cast<uint32_t>(pos_);
  if (pos_ >= text_.size()) throw ParseError{"unclosed action", action_offset_};
  char c = text_[pos_];
  if (t.space_before && c == '-' && text_.compare(pos_, 3, "-}}") == 0) {
    pos_ += 3;
    t.type = Token::Type::Close;
    t.trim_after = true;
    return t;
  }
  if (text_.compare(pos_, 2, "}}") == 0) {
    pos_ += 2;
    t.type = Token::Type::Close;
    return t;
  }
  if (auto single = single_char_token(c)) {
    ++pos_;
    t.type = *single;
    return t;
  }
  switch (c) {
    case ':':
      if (text_.compare(pos_, 2, ":=") != 0) throw ParseError{"expected :=", t.offset};
      pos_ += 2;
      t.type = Token::Type::Declare;
      return t;
    case '"':
      t.type = Token::Type::String;
      t.text = lex_quoted();
      return t;
    case '`':
      t.type = Token::Type::String;
      t.text = lex_raw();
      return t;
    case '\'':
      t.type = Token::Type::Char;
      t.text = lex_char();
      return t;
    case '$': {
      size_t begin = pos_++;
      while (pos_ < text_.size() && is_alnum(text_[pos_])) ++pos_;
      t.type = Token::Type::Variable;
      t.text = text_.substr(begin, pos_ - begin);
      return t;
    }
    case '.':
      if (pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1])) break;  // .5 is a number
      ++pos_;
      if (pos_ < text_.size() && is_alnum(text_[pos_])) {
        size_t begin = pos_;
        while (pos_ < text_.size() && is_alnum(text_[pos_])) ++pos_;
        t.type = Token::Type::Field;
        t.text = text_.substr(begin, pos_ - begin);
        return t;
      }
      t.type = Token::Type::Dot;
      return t;
    default:
      break;
  }
  if (is_digit(c) || c == '.' ||
      ((c == '+' || c == '-') && pos_ + 1 < text_.size() &&
       (is_digit(text_[pos_ + 1]) || text_[pos_ + 1] == '.'))) {
    size_t begin = pos_++;
    while (pos_ < text_.size() && (is_alnum(text_[pos_]) || text_[pos_] == '.' ||
                                   ((text_[pos_] == '+' || text_[pos_] == '-') &&
                                    (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E' ||
                                     text_[pos_ - 1] == 'p' || text_[pos_ - 1] == 'P'))))
      ++pos_;
    t.type = Token::Type::Number;
    t.text = text_.substr(begin, pos_ - begin);
    return t;
  }
  if (is_alnum(c)) {
    size_t begin = pos_;
    while (pos_ < text_.size() && is_alnum(text_[pos_])) ++pos_;
    t.type = Token::Type::Identifier;
    t.text = text_.substr(begin, pos_ - begin);
    return t;
  }
  throw ParseError{std::string("unexpected character '") + c + "' in action", t.offset};
}

// One escape after a backslash (strconv.Unquote rules); appends to `out`.
void Lexer::lex_escape(std::string& out, char quote) {
  uint32_t at = static_cast<uint32_t>(pos_);
  if (pos_ >= text_.size()) throw ParseError{"unterminated quoted string", at};
  char e = text_[pos_++];
  switch (e) {
    case 'a':
      out += '\a';
      return;
    case 'b':
      out += '\b';
      return;
    case 'f':
      out += '\f';
      return;
    case 'n':
      out += '\n';
      return;
    case 'r':
      out += '\r';
      return;
    case 't':
      out += '\t';
      return;
    case 'v':
      out += '\v';
      return;
    case '\\':
      out += '\\';
      return;
    default:
      break;
  }
  if (e == quote) {
    out += e;
    return;
  }
  int digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
  if (digits > 0) {
    uint32_t value = 0;
    for (int i = 0; i < digits; ++i) {
      int h = pos_ < text_.size() ? hex_digit_value(text_[pos_]) : -1;
      if (h < 0) throw ParseError{"invalid escape in string", at};
      value = value * 16 + static_cast<uint32_t>(h);
      ++pos_;
    }
    if (e == 'x')
      out += static_cast<char>(value);
    else
      append_utf8(out, value);
    return;
  }
  if (e >= '0' && e <= '7') {
    uint32_t value = static_cast<uint32_t>(e - '0');
    for (int i = 0; i < 2; ++i) {
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '7')
        throw ParseError{"invalid escape in string", at};
      value = value * 8 + static_cast<uint32_t>(text_[pos_++] - '0');
    }
    out += static_cast<char>(value);
    return;
  }
  throw ParseError{"invalid escape in string", at};
}

std::string Lexer::lex_quoted() {
  uint32_t at = static_cast<uint32_t>(pos_);
  ++pos_;
  std::string out;
  while (true) {
    if (pos_ >= text_.size() || text_[pos_] == '\n')
      throw ParseError{"unterminated quoted string", at};
    char c = text_[pos_++];
    if (c == '"') return out;
    if (c == '\\')
      lex_escape(out, '"');
    else
      out += c;
  }
}

std::string Lexer::lex_raw() {
  uint32_t at = static_cast<uint32_t>(pos_);
  size_t close = text_.find('`', pos_ + 1);
  if (close == std::string::npos) throw ParseError{"unterminated raw quoted string", at};
  std::string out = text_.substr(pos_ + 1, close - pos_ - 1);
  pos_ = close + 1;
  return out;
}

std::string Lexer::lex_char() {
  uint32_t at = static_cast<uint32_t>(pos_);
  ++pos_;
  std::string out;
  if (pos_ < text_.size() && text_[pos_] == '\\') {
    ++pos_;
    lex_escape(out, '\'');
  } else {
    while (pos_ < text_.size() && text_[pos_] != '\'') out += text_[pos_++];
  }
  if (pos_ >= text_.size() || text_[pos_] != '\'')
    throw ParseError{"unterminated character constant", at};
  ++pos_;
  return out;
}

void Lexer::rewind(size_t mark, Token peeked) {
  pos_ = mark;
  peek_ = std::move(peeked);
  peeked_ = true;
}

}  // namespace seldon_lint::gotemplate
