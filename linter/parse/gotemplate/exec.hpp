// Internal: the executor interface the function library needs.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "linter/parse/gotemplate/template.hpp"

namespace seldon_lint::gotemplate {

class Executor;

struct Call {
  Executor& executor;
  std::string_view name;
  std::vector<Value> args;
};

using Builtin = Value (*)(Call& call);

// text/template builtins and the Sprig/Helm functions implemented.
const std::map<std::string_view, Builtin>& builtin_functions();
// Functions Helm or Sprig define that the renderer refuses, with the reason.
const std::map<std::string_view, std::string_view>& refused_functions();

// What functions may ask of the running render.
std::string executor_include(Executor& executor, const std::string& name, const Value& data);
std::string executor_tpl(Executor& executor, const std::string& text, const Value& data);
const RenderLimits& executor_limits(const Executor& executor);

// Go's eq/lt... on two values; throws EvalError on incompatible types.
bool go_equal(const Value& a, const Value& b);
int go_compare(const Value& a, const Value& b);  // <0, 0, >0; ordered kinds only

// Go fmt.Sprintf for the verbs charts use.
std::string go_sprintf(const std::string& format, const std::vector<Value>& args, size_t first_arg);
// strconv.Quote.
std::string go_quote(std::string_view s);
std::string sha256_hex(std::string_view data);
// Masterminds semver constraint check (the subset charts use).
bool semver_satisfies(std::string_view constraint, std::string_view version);

}  // namespace seldon_lint::gotemplate
