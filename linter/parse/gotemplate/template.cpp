// A set of Go templates (Helm chart files): parsing each file as it is
// added, the definitions they make, and rendering a file or a definition.
#include "linter/parse/gotemplate/template.hpp"

#include "linter/base/text.hpp"
#include "linter/parse/gotemplate/template_set.hpp"

namespace seldon_lint::gotemplate {

std::string RenderError::describe(std::string_view file_name) const {
  std::string out = "cannot render: " + message;
  if (!file_name.empty()) {
    out += " at " + std::string(file_name);
    if (line > 0) out += ":" + std::to_string(line);
  }
  return out;
}

TemplateSet::TemplateSet(RenderLimits limits) : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
}
TemplateSet::~TemplateSet() = default;

uint32_t TemplateSet::add_file(std::string name, std::string text) {
  auto entry = std::make_unique<FileEntry>();
  auto index = static_cast<uint32_t>(impl_->files.size());
  entry->name = std::move(name);
  entry->text = std::move(text);
  entry->line_starts = compute_line_starts(entry->text);
  entry->parsed = parse_template(entry->text, index, impl_->limits.parse);
  if (entry->parsed.ok) {
    for (auto& [def_name, def] : entry->parsed.definitions)
      impl_->definitions.insert_or_assign(def_name, def);
    impl_->definitions.insert_or_assign(entry->name, Definition{entry->parsed.body, index});
  }
  impl_->files.push_back(std::move(entry));
  return index;
}

size_t TemplateSet::file_count() const {
  return impl_->files.size();
}
const std::string& TemplateSet::file_name(uint32_t file) const {
  return impl_->files.at(file)->name;
}
const std::string& TemplateSet::file_text(uint32_t file) const {
  return impl_->files.at(file)->text;
}

std::optional<RenderError> TemplateSet::parse_error(uint32_t file) const {
  const FileEntry& entry = *impl_->files.at(file);
  if (entry.parsed.ok) return std::nullopt;
  RenderError error;
  error.kind = RenderError::Kind::Syntax;
  error.message = "template syntax: " + entry.parsed.error;
  error.file = file;
  error.line = impl_->line_of(file, entry.parsed.error_offset);
  return error;
}

void TemplateSet::add_function(std::string name, ExtraFunction function) {
  impl_->extra.insert_or_assign(std::move(name), std::move(function));
}

void TemplateSet::set_missing_key_error(bool on) {
  impl_->missing_key_error = on;
}

RenderResult TemplateSet::render(uint32_t file, const Value& data) const {
  if (auto error = parse_error(file)) return RenderResult{{}, {}, error};
  const FileEntry& entry = *impl_->files.at(file);
  return run_definition(*impl_, Definition{entry.parsed.body, file}, data);
}

RenderResult TemplateSet::render_named(const std::string& name, const Value& data) const {
  auto it = impl_->definitions.find(name);
  if (it == impl_->definitions.end()) {
    RenderResult result;
    result.error =
        RenderError{RenderError::Kind::Failed, "no template named \"" + name + "\"", 0, 0};
    return result;
  }
  return run_definition(*impl_, it->second, data);
}

}  // namespace seldon_lint::gotemplate
