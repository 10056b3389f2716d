// Lexer and recursive-descent parser for Go text/template, following the
// grammar of text/template/parse: text, {{ actions }} with `{{-`/`-}}` trim
// markers, comments, control structures, pipelines with declarations.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "linter/parse/gotemplate/ast.hpp"

namespace seldon_lint::gotemplate {

namespace {

struct ParseError {
  std::string message;
  uint32_t offset;
};

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

class Parser {
 public:
  Parser(const std::string& text, uint32_t file, const ParseLimits& limits)
      : text_(text), file_(file), limits_(limits) {}

  ParsedFile run() {
    ParsedFile result;
    auto body = std::make_shared<NodeList>();
    try {
      Terminator end = parse_list(*body, 0);
      if (end.kind != Terminator::Kind::Eof)
        throw ParseError{"unexpected {{" + end.word + "}}", end.offset};
    } catch (const ParseError& e) {
      result.ok = false;
      result.error = e.message;
      result.error_offset = e.offset;
      return result;
    }
    result.body = std::move(body);
    result.definitions = std::move(definitions_);
    return result;
  }

 private:
  struct Terminator {
    enum class Kind { Eof, End, Else };
    Kind kind = Kind::Eof;
    std::string word;
    uint32_t offset = 0;
  };

  // ---- text and delimiters ----

  // Appends the text up to the next action; returns false at end of input.
  bool scan_text(NodeList& out) {
    size_t open = text_.find("{{", pos_);
    size_t text_end = open == std::string::npos ? text_.size() : open;
    size_t begin = pos_;
    if (trim_next_text_) {
      while (begin < text_end && is_space(text_[begin])) ++begin;
      trim_next_text_ = false;
    }
    size_t end = text_end;
    if (open != std::string::npos && open + 3 < text_.size() + 1 &&
        text_.compare(open, 3, "{{-") == 0 && open + 3 < text_.size() &&
        is_space(text_[open + 3])) {
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
  bool skip_comment() {
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

  // ---- tokens ----

  Token next() {
    if (peeked_) {
      peeked_ = false;
      return peek_;
    }
    return lex();
  }
  const Token& peek() {
    if (!peeked_) {
      peek_ = lex();
      peeked_ = true;
    }
    return peek_;
  }

  Token lex() {
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
    switch (c) {
      case '(':
        ++pos_;
        t.type = Token::Type::LeftParen;
        return t;
      case ')':
        ++pos_;
        t.type = Token::Type::RightParen;
        return t;
      case '|':
        ++pos_;
        t.type = Token::Type::Pipe;
        return t;
      case ',':
        ++pos_;
        t.type = Token::Type::Comma;
        return t;
      case '=':
        ++pos_;
        t.type = Token::Type::Assign;
        return t;
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

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // One escape after a backslash (strconv.Unquote rules); appends to `out`.
  void lex_escape(std::string& out, char quote) {
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
        int h = pos_ < text_.size() ? hex_value(text_[pos_]) : -1;
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

  std::string lex_quoted() {
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

  std::string lex_raw() {
    uint32_t at = static_cast<uint32_t>(pos_);
    size_t close = text_.find('`', pos_ + 1);
    if (close == std::string::npos) throw ParseError{"unterminated raw quoted string", at};
    std::string out = text_.substr(pos_ + 1, close - pos_ - 1);
    pos_ = close + 1;
    return out;
  }

  std::string lex_char() {
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

  // ---- constants ----

  static Value number_value(const std::string& raw, uint32_t offset) {
    std::string s;
    for (char c : raw)
      if (c != '_') s += c;
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    bool hex = s.size() > i + 1 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X');
    bool is_float = !hex && s.find_first_of(".eE") != std::string::npos;
    if (!is_float) {
      int64_t v = 0;
      if (!parse_go_int(s, v)) throw ParseError{"bad number syntax: " + raw, offset};
      return Value::integer(v);
    }
    char* end = nullptr;
    double f = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || std::isinf(f))
      throw ParseError{"bad number syntax: " + raw, offset};
    return Value::floating(f);
  }

  static Value char_value(const std::string& utf8, uint32_t offset) {
    if (utf8.empty()) throw ParseError{"empty character constant", offset};
    auto b = static_cast<unsigned char>(utf8[0]);
    uint32_t cp = b;
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (len > 1) {
      cp = b & (0xFF >> (len + 1));
      for (size_t k = 1; k < len && k < utf8.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(utf8[k]) & 0x3F);
    }
    if (len != utf8.size()) throw ParseError{"malformed character constant", offset};
    return Value::integer(cp);
  }

  // ---- pipelines ----

  void enter(uint32_t offset) {
    if (++depth_ > limits_.max_depth) throw ParseError{"template nested too deeply", offset};
  }

  // Parses a pipeline up to (and consuming) `end`: Close or RightParen.
  std::shared_ptr<Pipe> parse_pipe(Token::Type end, bool allow_decl, bool in_range,
                                   bool* trim_after = nullptr) {
    auto pipe = std::make_shared<Pipe>();
    pipe->offset = peek().offset;
    if (allow_decl) parse_declaration(*pipe, in_range);
    while (true) {
      Command cmd;
      cmd.offset = peek().offset;
      parse_operands(cmd);
      if (cmd.args.empty()) throw ParseError{"missing command", cmd.offset};
      pipe->commands.push_back(std::move(cmd));
      Token t = next();
      if (t.type == Token::Type::Pipe) continue;
      if (t.type != end)
        throw ParseError{
            end == Token::Type::Close ? "unexpected token in action" : "unclosed left paren",
            t.offset};
      if (trim_after) *trim_after = t.trim_after;
      return pipe;
    }
  }

  void parse_declaration(Pipe& pipe, bool in_range) {
    if (peek().type != Token::Type::Variable) return;
    size_t save_pos = pos_;
    Token var = next();
    Token after = lex();
    if (after.type == Token::Type::Declare || after.type == Token::Type::Assign) {
      pipe.declared.push_back(var.text);
      pipe.assign = after.type == Token::Type::Assign;
      return;
    }
    if (after.type == Token::Type::Comma && in_range) {
      Token second = lex();
      Token op = lex();
      if (second.type != Token::Type::Variable ||
          (op.type != Token::Type::Declare && op.type != Token::Type::Assign))
        throw ParseError{"bad range declaration", var.offset};
      pipe.declared = {var.text, second.text};
      pipe.assign = op.type == Token::Type::Assign;
      return;
    }
    // Not a declaration: rewind so the variable is read as an operand.
    pos_ = save_pos;
    peek_ = var;
    peeked_ = true;
  }

  void parse_operands(Command& cmd) {
    while (true) {
      const Token& t = peek();
      if (t.type == Token::Type::Pipe || t.type == Token::Type::Close ||
          t.type == Token::Type::RightParen)
        return;
      if (!cmd.args.empty() && !t.space_before && t.type != Token::Type::LeftParen)
        throw ParseError{"missing space between arguments", t.offset};
      cmd.args.push_back(parse_operand());
    }
  }

  Operand parse_operand() {
    Token t = next();
    Operand op;
    op.offset = t.offset;
    switch (t.type) {
      case Token::Type::Identifier:
        if (t.text == "true" || t.text == "false") {
          op.kind = Operand::Kind::Constant;
          op.constant = Value::boolean(t.text == "true");
        } else if (t.text == "nil") {
          op.kind = Operand::Kind::Nil;
        } else {
          op.kind = Operand::Kind::Function;
          op.name = t.text;
        }
        return op;  // no field chain on these
      case Token::Type::String:
        op.kind = Operand::Kind::Constant;
        op.constant = Value::string(t.text);
        return op;
      case Token::Type::Number:
        op.kind = Operand::Kind::Constant;
        op.constant = number_value(t.text, t.offset);
        return op;
      case Token::Type::Char:
        op.kind = Operand::Kind::Constant;
        op.constant = char_value(t.text, t.offset);
        return op;
      case Token::Type::Dot:
        op.kind = Operand::Kind::Dot;
        return op;
      case Token::Type::Field:
        op.kind = Operand::Kind::Field;
        op.fields.push_back(t.text);
        break;
      case Token::Type::Variable:
        op.kind = Operand::Kind::Variable;
        op.name = t.text;
        break;
      case Token::Type::LeftParen:
        enter(t.offset);
        op.kind = Operand::Kind::SubPipe;
        op.pipe = parse_pipe(Token::Type::RightParen, true, false);
        --depth_;
        break;
      default:
        throw ParseError{"unexpected token in operand", t.offset};
    }
    while (peek().type == Token::Type::Field && !peek().space_before)
      op.fields.push_back(next().text);
    return op;
  }

  Token expect_close() {
    Token t = next();
    if (t.type != Token::Type::Close) throw ParseError{"unexpected token, expected }}", t.offset};
    trim_next_text_ = t.trim_after;
    return t;
  }

  // ---- lists and control structures ----

  Terminator parse_list(NodeList& out, unsigned range_depth) {
    while (scan_text(out)) {
      if (skip_comment()) continue;
      const Token& first = peek();
      uint32_t offset = action_offset_;
      if (first.type == Token::Type::Identifier) {
        std::string word = first.text;
        if (word == "end" || word == "else") {
          next();
          if (word == "end") expect_close();
          return Terminator{word == "end" ? Terminator::Kind::End : Terminator::Kind::Else, word,
                            offset};
        }
        if (word == "if" || word == "with" || word == "range") {
          next();
          out.push_back(parse_control(word, offset, range_depth));
          continue;
        }
        if (word == "define") {
          next();
          parse_define(offset);
          continue;
        }
        if (word == "template" || word == "block") {
          next();
          out.push_back(parse_template_call(word, offset));
          continue;
        }
        if (word == "break" || word == "continue") {
          next();
          if (range_depth == 0) throw ParseError{"{{" + word + "}} outside {{range}}", offset};
          expect_close();
          Node node;
          node.type = word == "break" ? Node::Type::Break : Node::Type::Continue;
          node.offset = offset;
          out.push_back(std::move(node));
          continue;
        }
      }
      Node node;
      node.type = Node::Type::Action;
      node.offset = offset;
      bool trim = false;
      node.pipe = parse_pipe(Token::Type::Close, true, false, &trim);
      trim_next_text_ = trim;
      out.push_back(std::move(node));
    }
    return Terminator{};
  }

  Node parse_control(const std::string& word, uint32_t offset, unsigned range_depth) {
    enter(offset);
    Node node;
    node.type = word == "if"     ? Node::Type::If
                : word == "with" ? Node::Type::With
                                 : Node::Type::Range;
    node.offset = offset;
    bool trim = false;
    node.pipe = parse_pipe(Token::Type::Close, true, node.type == Node::Type::Range, &trim);
    trim_next_text_ = trim;
    unsigned inner_range = node.type == Node::Type::Range ? range_depth + 1 : range_depth;
    Terminator t = parse_list(node.body, inner_range);
    if (t.kind == Terminator::Kind::Eof)
      throw ParseError{"unexpected EOF: {{" + word + "}} without {{end}}", offset};
    if (t.kind == Terminator::Kind::Else) parse_else(node, word, range_depth, t.offset);
    --depth_;
    return node;
  }

  // After `{{else`: either `}}` then a list up to `{{end}}`, or `if`/`with`
  // chaining into a nested control structure that consumes the shared `{{end}}`.
  void parse_else(Node& node, const std::string& word, unsigned range_depth, uint32_t offset) {
    const Token& t = peek();
    if (t.type == Token::Type::Identifier && (t.text == "if" || t.text == "with") &&
        node.type != Node::Type::Range) {
      std::string chained = t.text;
      next();
      node.else_body.push_back(parse_control(chained, offset, range_depth));
      return;
    }
    expect_close();
    Terminator end = parse_list(node.else_body, range_depth);
    if (end.kind != Terminator::Kind::End)
      throw ParseError{"expected {{end}} after {{else}} of {{" + word + "}}",
                       end.offset ? end.offset : offset};
  }

  std::string parse_template_name(uint32_t offset) {
    Token name = next();
    if (name.type != Token::Type::String)
      throw ParseError{"template name must be a string constant", offset};
    return name.text;
  }

  void parse_define(uint32_t offset) {
    enter(offset);
    std::string name = parse_template_name(offset);
    expect_close();
    auto body = std::make_shared<NodeList>();
    Terminator end = parse_list(*body, 0);
    if (end.kind != Terminator::Kind::End)
      throw ParseError{"{{define \"" + name + "\"}} without {{end}}", offset};
    definitions_.insert_or_assign(name, Definition{std::move(body), file_});
    --depth_;
  }

  Node parse_template_call(const std::string& word, uint32_t offset) {
    Node node;
    node.type = Node::Type::Template;
    node.offset = offset;
    node.text = parse_template_name(offset);
    if (peek().type != Token::Type::Close) {
      bool trim = false;
      node.pipe = parse_pipe(Token::Type::Close, false, false, &trim);
      trim_next_text_ = trim;
    } else {
      expect_close();
    }
    if (word == "block") {
      if (!node.pipe) throw ParseError{"{{block}} needs a pipeline", offset};
      enter(offset);
      auto body = std::make_shared<NodeList>();
      Terminator end = parse_list(*body, 0);  // a block body is outside any range
      if (end.kind != Terminator::Kind::End) throw ParseError{"{{block}} without {{end}}", offset};
      definitions_.insert_or_assign(node.text, Definition{std::move(body), file_});
      --depth_;
    }
    return node;
  }

  const std::string& text_;
  uint32_t file_;
  ParseLimits limits_;
  size_t pos_ = 0;
  uint32_t action_offset_ = 0;
  bool trim_next_text_ = false;
  bool peeked_ = false;
  Token peek_;
  unsigned depth_ = 0;
  std::map<std::string, Definition> definitions_;
};

}  // namespace

ParsedFile parse_template(const std::string& text, uint32_t file, const ParseLimits& limits) {
  return Parser(text, file, limits).run();
}

}  // namespace seldon_lint::gotemplate
