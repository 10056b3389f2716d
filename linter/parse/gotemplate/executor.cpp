// The evaluator: walks a parsed template with text/template's semantics as
// Helm configures it (missingkey=zero, "<no value>" removed from the output).
#include <algorithm>
#include <utility>

#include "linter/parse/gotemplate/exec.hpp"
#include "linter/parse/gotemplate/template_set.hpp"

namespace seldon_lint::gotemplate {

namespace {

// Output with the template line each output line came from.
struct Output {
  std::string text;
  std::vector<LineOrigin> origins;
  bool track = true;

  bool at_line_start() const { return text.empty() || text.back() == '\n'; }
  // `base_line` is the template line of s[0]; `follows_text`: s is template
  // text, so its own newlines advance the template line too.
  void write(std::string_view s, uint32_t file, uint32_t base_line, bool follows_text) {
    if (!track) {
      text.append(s);
      return;
    }
    uint32_t line = base_line;
    for (char c : s) {
      if (at_line_start()) origins.push_back(LineOrigin{file, line});
      text += c;
      if (c == '\n' && follows_text) ++line;
    }
  }
};

// Budgets and state shared by every template a render runs.
struct RunState {
  const TemplateSet::Impl& set;
  uint64_t steps = 0;
  size_t output_bytes = 0;
  unsigned depth = 0;
  // Where evaluation is: the innermost position when an error escapes.
  uint32_t file = 0;
  uint32_t offset = 0;
  bool position_fixed = false;  // inside a tpl string: report at the tpl call
  std::map<std::string, Definition, std::less<>> tpl_definitions;
};

enum class Flow { Normal, Break, Continue };

}  // namespace

class Executor {
 public:
  Executor(RunState& run, Output& out, uint32_t file, Value data, bool synthetic)
      : run_(run), out_(out), file_(file), synthetic_(synthetic) {
    vars_.emplace_back("$", data);
    dot_ = std::move(data);
  }

  void execute(const NodeList& body) {
    if (run_.depth > run_.set.limits.max_template_depth)
      throw LimitError("templates nested deeper than " +
                       std::to_string(run_.set.limits.max_template_depth) +
                       " (include/template recursion)");
    exec_list(body);
  }

  std::string include(const std::string& name, const Value& data) {
    const Definition& def = find_definition(name);
    Output nested;
    nested.track = false;
    run_nested(def, data, nested);
    return std::move(nested.text);
  }

  std::string tpl(const std::string& text, const Value& data) {
    ParsedFile parsed = parse_template(text, file_, run_.set.limits.parse);
    if (!parsed.ok) throw EvalError("tpl: template does not parse: " + parsed.error);
    bool was_fixed = run_.position_fixed;
    uint32_t call_offset = run_.offset;
    for (auto& [name, def] : parsed.definitions) run_.tpl_definitions.insert_or_assign(name, def);
    Output nested;
    nested.track = false;
    ++run_.depth;
    Executor inner(run_, nested, file_, data, true);
    run_.position_fixed = true;
    run_.offset = call_offset;
    inner.execute(*parsed.body);
    run_.position_fixed = was_fixed;
    --run_.depth;
    return std::move(nested.text);
  }

  const RenderLimits& limits() const { return run_.set.limits; }

 private:
  // ---- positions and budgets ----

  void at(uint32_t offset) {
    if (!run_.position_fixed) {
      run_.file = file_;
      run_.offset = offset;
    }
    if (++run_.steps > run_.set.limits.max_steps)
      throw LimitError("evaluation exceeded " + std::to_string(run_.set.limits.max_steps) +
                       " steps");
  }

  uint32_t line_of(uint32_t offset) const {
    return synthetic_ ? run_.set.line_of(run_.file, run_.offset) : run_.set.line_of(file_, offset);
  }

  void emit(std::string_view s, uint32_t offset, bool follows_text) {
    run_.output_bytes += s.size();
    if (run_.output_bytes > run_.set.limits.max_output_bytes)
      throw LimitError("output larger than " + std::to_string(run_.set.limits.max_output_bytes) +
                       " bytes");
    out_.write(s, synthetic_ ? run_.file : file_, line_of(offset), follows_text && !synthetic_);
  }

  // ---- lists and control structures ----

  Flow exec_list(const NodeList& list) {
    for (const Node& node : list) {
      Flow flow = exec_node(node);
      if (flow != Flow::Normal) return flow;
    }
    return Flow::Normal;
  }

  Flow exec_node(const Node& node) {
    at(node.offset);
    switch (node.type) {
      case Node::Type::Text:
        emit(node.text, node.offset, true);
        return Flow::Normal;
      case Node::Type::Action: {
        Value v = eval_pipe(*node.pipe);
        if (node.pipe->declared.empty()) emit(printable(v), node.offset, false);
        return Flow::Normal;
      }
      case Node::Type::If:
      case Node::Type::With:
        return exec_conditional(node);
      case Node::Type::Range:
        return exec_range(node);
      case Node::Type::Template:
        exec_template(node);
        return Flow::Normal;
      case Node::Type::Break:
        return Flow::Break;
      case Node::Type::Continue:
        return Flow::Continue;
    }
    return Flow::Normal;
  }

  static std::string printable(const Value& v) {
    if (v.kind() == Value::Kind::Object)
      throw UnsupportedError("printing a " + v.type_name() + " object");
    return format_v(v);
  }

  Flow exec_conditional(const Node& node) {
    size_t mark = vars_.size();
    Value v = eval_pipe(*node.pipe);
    Flow flow = Flow::Normal;
    if (truthy(v)) {
      if (node.type == Node::Type::With) {
        Value saved = std::exchange(dot_, v);
        flow = exec_list(node.body);
        dot_ = std::move(saved);
      } else {
        flow = exec_list(node.body);
      }
    } else {
      flow = exec_list(node.else_body);
    }
    vars_.resize(mark);
    return flow;
  }

  Flow exec_range(const Node& node) {
    size_t mark = vars_.size();
    const Pipe& pipe = *node.pipe;
    Value collection = eval_pipe(pipe);
    size_t first_var = vars_.size() - (pipe.assign ? 0 : pipe.declared.size());
    bool any = false;
    auto iteration = [&](const Value& index, const Value& element) {
      any = true;
      bind_range_vars(pipe, first_var, index, element);
      size_t inner_mark = vars_.size();
      Value saved = std::exchange(dot_, element);
      Flow flow = exec_list(node.body);
      dot_ = std::move(saved);
      vars_.resize(inner_mark);
      return flow;
    };
    switch (collection.kind()) {
      case Value::Kind::Nil:
        break;
      case Value::Kind::List: {
        List items = collection.as_list();  // the body may append to the list
        for (size_t i = 0; i < items.size(); ++i)
          if (iteration(Value::integer(static_cast<int64_t>(i)), items[i]) == Flow::Break) break;
        break;
      }
      case Value::Kind::Map: {
        Map entries = collection.as_map();
        for (const auto& [key, element] : entries)
          if (iteration(Value::string(key), element) == Flow::Break) break;
        break;
      }
      case Value::Kind::Int: {
        if (pipe.declared.size() > 1)
          throw EvalError("can't use an integer to iterate over more than one variable");
        for (int64_t i = 0; i < collection.as_int(); ++i)
          if (iteration(Value::integer(i), Value::integer(i)) == Flow::Break) break;
        break;
      }
      default:
        throw EvalError("range can't iterate over " + format_v(collection) + " (" +
                        collection.type_name() + ")");
    }
    if (!any) exec_list(node.else_body);
    vars_.resize(mark);
    return Flow::Normal;
  }

  void bind_range_vars(const Pipe& pipe, size_t first_var, const Value& index,
                       const Value& element) {
    if (pipe.declared.empty()) return;
    if (pipe.assign) {
      if (pipe.declared.size() == 1) {
        set_var(pipe.declared[0], element);
      } else {
        set_var(pipe.declared[0], index);
        set_var(pipe.declared[1], element);
      }
      return;
    }
    if (pipe.declared.size() == 1) {
      vars_[first_var].second = element;
    } else {
      vars_[first_var].second = index;
      vars_[first_var + 1].second = element;
    }
  }

  const Definition& find_definition(const std::string& name) const {
    if (auto it = run_.tpl_definitions.find(name); it != run_.tpl_definitions.end())
      return it->second;
    if (auto it = run_.set.definitions.find(name); it != run_.set.definitions.end())
      return it->second;
    throw EvalError("no template named \"" + name + "\"");
  }

  void exec_template(const Node& node) {
    const Definition& def = find_definition(node.text);
    Value data = node.pipe ? eval_pipe(*node.pipe) : Value();
    run_nested(def, data, out_);
  }

  void run_nested(const Definition& def, const Value& data, Output& out) {
    ++run_.depth;
    bool synthetic = run_.position_fixed;
    Executor inner(run_, out, def.file, data, synthetic);
    inner.execute(*def.body);
    --run_.depth;
  }

  // ---- variables ----

  Value& find_var(const std::string& name) {
    // NOLINTNEXTLINE(modernize-loop-convert): clang 14 cannot use libstdc++ 12's views::reverse
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
      if (it->first == name) return it->second;
    throw EvalError("undefined variable: " + name);
  }

  void set_var(const std::string& name, const Value& v) { find_var(name) = v; }

  // ---- pipelines and commands ----

  Value eval_pipe(const Pipe& pipe) {
    Value v;
    bool has_final = false;
    for (const Command& cmd : pipe.commands) {
      v = eval_command(cmd, has_final ? &v : nullptr);
      has_final = true;
    }
    for (const std::string& name : pipe.declared) {
      if (pipe.assign)
        set_var(name, v);
      else
        vars_.emplace_back(name, v);
    }
    return v;
  }

  Value eval_command(const Command& cmd, const Value* final) {
    at(cmd.offset);
    const Operand& first = cmd.args.front();
    switch (first.kind) {
      case Operand::Kind::Function:
        return call_function(first.name, cmd, final);
      case Operand::Kind::Field:
        return eval_chain(dot_, first.fields, cmd, final);
      case Operand::Kind::Variable:
        if (!first.fields.empty())
          return eval_chain(find_var(first.name), first.fields, cmd, final);
        break;
      case Operand::Kind::SubPipe:
        if (!first.fields.empty())
          return eval_chain(eval_pipe(*first.pipe), first.fields, cmd, final);
        break;
      case Operand::Kind::Nil:
        throw EvalError("nil is not a command");
      default:
        break;
    }
    if (cmd.args.size() > 1 || final) throw EvalError("can't give argument to non-function");
    return eval_arg(first);
  }

  Value eval_arg(const Operand& op) {
    switch (op.kind) {
      case Operand::Kind::Dot:
        return dot_;
      case Operand::Kind::Nil:
        return Value();
      case Operand::Kind::Constant:
        return op.constant;
      case Operand::Kind::Field:
        return walk_fields(dot_, op.fields, {}, nullptr);
      case Operand::Kind::Variable:
        return walk_fields(find_var(op.name), op.fields, {}, nullptr);
      case Operand::Kind::SubPipe:
        return walk_fields(eval_pipe(*op.pipe), op.fields, {}, nullptr);
      case Operand::Kind::Function: {
        Command niladic;
        niladic.args.push_back(op);
        niladic.offset = op.offset;
        return call_function(op.name, niladic, nullptr);
      }
    }
    return Value();
  }

  Value eval_chain(const Value& receiver, const std::vector<std::string>& fields,
                   const Command& cmd, const Value* final) {
    std::vector<Value> args;
    for (size_t i = 1; i < cmd.args.size(); ++i) args.push_back(eval_arg(cmd.args[i]));
    if (final) args.push_back(*final);
    return walk_fields(receiver, fields, args, &cmd);
  }

  // Field access down a chain; the last element may be a method taking `args`.
  Value walk_fields(Value receiver, const std::vector<std::string>& fields,
                    const std::vector<Value>& args, const Command* cmd) {
    for (size_t i = 0; i < fields.size(); ++i) {
      bool last = i + 1 == fields.size();
      const std::string& name = fields[i];
      switch (receiver.kind()) {
        case Value::Kind::Nil:
          throw EvalError("nil pointer evaluating interface {}." + name + chain_text(fields, i));
        case Value::Kind::Map: {
          if (last && !args.empty()) throw EvalError(name + " is not a method but has arguments");
          auto found = receiver.as_map().find(name);
          if (found == receiver.as_map().end() && run_.set.missing_key_error)
            throw EvalError("map has no entry for key \"" + name + "\"");
          receiver = found == receiver.as_map().end() ? Value() : found->second;
          break;
        }
        case Value::Kind::Object: {
          const Object& object = receiver.as_object();
          if (!object.has_method(name))
            throw UnsupportedError("field or method " + name + " of " + object.type_name());
          receiver = object.call(name, last ? args : std::vector<Value>{});
          break;
        }
        default:
          throw EvalError("can't evaluate field " + name + " in type " + receiver.type_name());
      }
    }
    if (fields.empty() && cmd && (cmd->args.size() > 1 || !args.empty()))
      throw EvalError("can't give argument to non-function");
    return receiver;
  }

  static std::string chain_text(const std::vector<std::string>& fields, size_t upto) {
    std::string out = " (.";
    for (size_t k = 0; k <= upto; ++k) out += (k ? "." : "") + fields[k];
    return out + ": the value before ." + fields[upto] + " is not set)";
  }

  // ---- functions ----

  Value call_function(const std::string& name, const Command& cmd, const Value* final) {
    if (name == "and" || name == "or") return call_logical(name == "and", cmd, final);
    if (auto it = run_.set.extra.find(name); it != run_.set.extra.end()) {
      std::vector<Value> args = evaluated_args(cmd, final);
      return checked(it->second(args));
    }
    const auto& builtins = builtin_functions();
    if (auto it = builtins.find(name); it != builtins.end()) {
      Call call{*this, name, evaluated_args(cmd, final)};
      return checked(it->second(call));
    }
    if (auto it = refused_functions().find(name); it != refused_functions().end())
      throw UnsupportedError("function \"" + name + "\" (" + std::string(it->second) + ")");
    throw UnsupportedError("function \"" + name +
                           "\" (not defined, or not supported by the renderer)");
  }

  std::vector<Value> evaluated_args(const Command& cmd, const Value* final) {
    std::vector<Value> args;
    args.reserve(cmd.args.size());
    for (size_t i = 1; i < cmd.args.size(); ++i) args.push_back(eval_arg(cmd.args[i]));
    if (final) args.push_back(*final);
    return args;
  }

  // and/or evaluate their arguments only as far as needed (Go 1.18+).
  Value call_logical(bool is_and, const Command& cmd, const Value* final) {
    size_t count = cmd.args.size() - 1 + (final ? 1 : 0);
    if (count == 0)
      throw EvalError(std::string(is_and ? "and" : "or") +
                      ": wrong number of args: want at least 1 got 0");
    Value v;
    for (size_t i = 1; i <= count; ++i) {
      v = i < cmd.args.size() ? eval_arg(cmd.args[i]) : *final;
      if (truthy(v) != is_and) return v;
    }
    return v;
  }

  Value checked(Value v) const {
    size_t limit = run_.set.limits.max_value_bytes;
    if ((v.is_string() && v.as_string().size() > limit) ||
        (v.is_list() && v.as_list().size() > limit / 8))
      throw LimitError("a function built a value larger than " + std::to_string(limit) + " bytes");
    return v;
  }

  RunState& run_;
  Output& out_;
  uint32_t file_;
  bool synthetic_;  // body parsed from a tpl string: positions are the tpl call's
  Value dot_;
  std::vector<std::pair<std::string, Value>> vars_;
};

std::string executor_include(Executor& executor, const std::string& name, const Value& data) {
  return executor.include(name, data);
}
std::string executor_tpl(Executor& executor, const std::string& text, const Value& data) {
  return executor.tpl(text, data);
}
const RenderLimits& executor_limits(const Executor& executor) {
  return executor.limits();
}

namespace {

// Helm replaces the "<no value>" text/template prints for missing values.
void remove_no_value(std::string& text) {
  static const std::string_view kNoValue = "<no value>";
  size_t pos = 0;
  while ((pos = text.find(kNoValue, pos)) != std::string::npos) text.erase(pos, kNoValue.size());
}

}  // namespace

RenderResult run_definition(const TemplateSet::Impl& impl, const Definition& def,
                            const Value& data) {
  RunState run{impl, 0, 0, 0, 0, 0, false, {}};
  Output out;
  RenderResult result;
  RenderError::Kind kind = RenderError::Kind::Failed;
  std::string message;
  try {
    Executor executor(run, out, def.file, data, false);
    executor.execute(*def.body);
    remove_no_value(out.text);
    result.output = std::move(out.text);
    result.line_origins = std::move(out.origins);
    result.steps = run.steps;
    return result;
  } catch (const LimitError& e) {
    kind = RenderError::Kind::Limit;
    message = e.what();
  } catch (const UnsupportedError& e) {
    kind = RenderError::Kind::Unsupported;
    message = e.what();
  } catch (const EvalError& e) {
    message = e.what();
  } catch (const std::bad_alloc&) {
    kind = RenderError::Kind::Limit;
    message = "out of memory";
  }
  result.error = RenderError{kind, message, run.file, impl.line_of(run.file, run.offset)};
  result.steps = run.steps;
  return result;
}

}  // namespace seldon_lint::gotemplate
