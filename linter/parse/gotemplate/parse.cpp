// Recursive-descent parser for Go text/template, following the grammar of
// text/template/parse: text, {{ actions }}, control structures, pipelines
// with declarations, constants; lexer.cpp supplies the tokens.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "linter/parse/gotemplate/ast.hpp"
#include "linter/parse/gotemplate/lexer.hpp"

namespace seldon_lint::gotemplate {

namespace {

class Parser {
 public:
  Parser(const std::string& text, uint32_t file, const ParseLimits& limits)
      : lexer_(text), file_(file), limits_(limits) {}

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
  Token next() { return lexer_.next(); }
  const Token& peek() { return lexer_.peek(); }

  struct Terminator {
    enum class Kind { Eof, End, Else };
    Kind kind = Kind::Eof;
    std::string word;
    uint32_t offset = 0;
  };

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
    size_t mark = lexer_.mark();
    Token var = next();
    Token after = lexer_.lex();
    if (after.type == Token::Type::Declare || after.type == Token::Type::Assign) {
      pipe.declared.push_back(var.text);
      pipe.assign = after.type == Token::Type::Assign;
      return;
    }
    if (after.type == Token::Type::Comma && in_range) {
      Token second = lexer_.lex();
      Token op = lexer_.lex();
      if (second.type != Token::Type::Variable ||
          (op.type != Token::Type::Declare && op.type != Token::Type::Assign))
        throw ParseError{"bad range declaration", var.offset};
      pipe.declared = {var.text, second.text};
      pipe.assign = op.type == Token::Type::Assign;
      return;
    }
    // Not a declaration: rewind so the variable is read as an operand.
    lexer_.rewind(mark, var);
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
    lexer_.trim_next_text(t.trim_after);
    return t;
  }

  // ---- lists and control structures ----

  Terminator parse_list(NodeList& out, unsigned range_depth) {
    while (lexer_.scan_text(out)) {
      if (lexer_.skip_comment()) continue;
      const Token& first = peek();
      uint32_t offset = lexer_.action_offset();
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
      lexer_.trim_next_text(trim);
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
    lexer_.trim_next_text(trim);
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
      lexer_.trim_next_text(trim);
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

  Lexer lexer_;
  uint32_t file_;
  ParseLimits limits_;
  unsigned depth_ = 0;
  std::map<std::string, Definition> definitions_;
};

}  // namespace

ParsedFile parse_template(const std::string& text, uint32_t file, const ParseLimits& limits) {
  return Parser(text, file, limits).run();
}

}  // namespace seldon_lint::gotemplate
