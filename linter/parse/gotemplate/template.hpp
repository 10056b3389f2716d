// Go text/template rendering for the subset of Helm charts and helmfiles that
// real repositories use (see README "Where values and secrets come from").
// Anything outside that subset is refused with "cannot render: <construct> at
// file:line", never guessed; every recursion and loop is bounded.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "linter/parse/gotemplate/ast.hpp"
#include "linter/parse/gotemplate/value.hpp"

namespace seldon_lint::gotemplate {

struct RenderLimits {
  unsigned max_template_depth = 64;    // nested template/include/tpl calls
  uint64_t max_steps = 2'000'000;      // nodes and commands evaluated per render
  size_t max_output_bytes = 8u << 20;  // bytes written, includes counted
  size_t max_value_bytes = 8u << 20;   // one string or list built by a function
  ParseLimits parse;
};

struct RenderError {
  enum class Kind : unsigned char {
    Unsupported,  // the renderer does not implement this construct
    Failed,       // the template fails as it would under helm (required, fail, nil pointer...)
    Limit,        // a size, depth or step bound was reached
    Syntax        // the template does not parse
  };
  Kind kind = Kind::Failed;
  std::string message;  // what could not be rendered
  uint32_t file = 0;    // index into the set's files
  uint32_t line = 0;    // 1-based; 0 when unknown
  // "cannot render: <message> at <file>:<line>"
  std::string describe(std::string_view file_name) const;
};

// Where an output line came from: a line of one of the set's files.
struct LineOrigin {
  uint32_t file = 0;
  uint32_t line = 0;  // 1-based
};

struct RenderResult {
  std::string output;                    // empty when error is set
  std::vector<LineOrigin> line_origins;  // one per output line
  std::optional<RenderError> error;
  uint64_t steps = 0;  // nodes and commands evaluated (the budget's unit), deterministic
  bool ok() const { return !error.has_value(); }
};

// Extra functions a caller adds (helmfile's `env`, `requiredEnv`...). They
// receive evaluated arguments and throw EvalError to refuse.
using ExtraFunction = std::function<Value(const std::vector<Value>& args)>;

class TemplateSet {
 public:
  explicit TemplateSet(RenderLimits limits = {});
  ~TemplateSet();
  TemplateSet(const TemplateSet&) = delete;
  TemplateSet& operator=(const TemplateSet&) = delete;

  // Adds and parses one file; it is also a template named `name` (Helm names
  // files "<chart>/templates/<file>").  Returns its index.
  uint32_t add_file(std::string name, std::string text);
  size_t file_count() const;
  const std::string& file_name(uint32_t file) const;
  const std::string& file_text(uint32_t file) const;
  // The parse error of a file, if it does not parse.
  std::optional<RenderError> parse_error(uint32_t file) const;

  void add_function(std::string name, ExtraFunction function);
  // text/template's missingkey=error (helmfile renders its templates so): a
  // map field that is not there fails the render instead of printing nothing.
  void set_missing_key_error(bool on);

  // Renders file `file` with `data` as dot (and $).  Helm's "<no value>" for
  // missing values prints as nothing, as helm does.
  RenderResult render(uint32_t file, const Value& data) const;
  // Renders the named template (define, block, or file name).
  RenderResult render_named(const std::string& name, const Value& data) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The names of the template functions the renderer implements (for docs and tests).
std::vector<std::string> supported_functions();

// Helm's built-in objects: .Files (Get, Lines; Glob/AsConfig/AsSecrets
// refused) over `files` (path relative to the chart folder -> content), and
// .Capabilities as `helm template` sets them without a cluster.  When
// `complete` is false, `files` holds only some of the chart's files: asking
// for another one is refused rather than rendered as an empty file.
Value make_files_object(std::map<std::string, std::string> files, bool complete = true);
Value make_capabilities();

}  // namespace seldon_lint::gotemplate
