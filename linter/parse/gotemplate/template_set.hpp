// Internal to the Go template renderer: what a TemplateSet holds (its files
// and definitions), shared by template.cpp (adding files) and executor.cpp
// (running a definition).
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "linter/parse/gotemplate/template.hpp"

namespace seldon_lint::gotemplate {

struct FileEntry {
  std::string name;
  std::string text;
  std::vector<uint32_t> line_starts;
  ParsedFile parsed;
};

struct TemplateSet::Impl {
  RenderLimits limits;
  std::vector<std::unique_ptr<FileEntry>> files;
  std::map<std::string, Definition, std::less<>> definitions;
  std::map<std::string, ExtraFunction, std::less<>> extra;
  bool missing_key_error = false;

  uint32_t line_of(uint32_t file, uint32_t offset) const {
    if (file >= files.size()) return 0;
    const auto& starts = files[file]->line_starts;
    auto it = std::upper_bound(starts.begin(), starts.end(), offset);
    return static_cast<uint32_t>(it - starts.begin());
  }
};

// Runs one definition over `data` with the set's limits; a failed run is an
// error with the file and line evaluation had reached.
RenderResult run_definition(const TemplateSet::Impl& impl, const Definition& def,
                            const Value& data);

}  // namespace seldon_lint::gotemplate
