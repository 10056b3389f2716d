// Internal to the input stage: what load.cpp (reading and the prefilter)
// and load_referenced.cpp (files something references) share.
#pragma once

#include <string_view>
#include <vector>

#include "linter/input/file_cache.hpp"
#include "linter/input/load.hpp"
#include "linter/parse/yaml_parser.hpp"

namespace seldon_lint::load_internal {

// Parses a read YAML file into its documents; syntax errors are SL001,
// exceeded limits SL002.
void parse_yaml_file(SourceFile& file, FileId id, const InputOptions& options, YamlParser& parser,
                     bool want_documents, std::vector<InputProblem>& problems);

// Sets the documents parse of a record (or the syntax check); false when it
// cannot be encoded, and the record then goes unused.
bool record_reading(CacheRecord& record, bool documents, const SourceFile& file, FileId id,
                    const std::vector<InputProblem>& problems);

// Lets go of a YAML file's text (InputOptions::release_texts); it is read
// again from `absolute` on first use.  A text with a "seldon-lint" directive
// is kept: suppressions scan only texts in memory.
void release_text(SourceFile& file, const std::string& absolute);

// Puts a cached parse into the file: false when its bytes do not decode.
bool apply_reading(std::string_view bytes, FileId id, SourceFile& file,
                   std::vector<InputProblem>& problems);

}  // namespace seldon_lint::load_internal
