// Findings as LSP diagnostics, grouped by the file they point at.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "linter/lsp/text_position.hpp"
#include "linter/lsp/workspace.hpp"
#include "seldon_lint/location.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint::lsp {

// An LSP Range of a linter location (columns converted to `encoding`).
nlohmann::json lsp_range(const Model& model, const Location& location, Encoding encoding);

// Every file with at least one diagnostic: URI -> array of Diagnostic.  A
// configuration error is a diagnostic on .seldon-lint.yaml.
std::map<std::string, nlohmann::json> diagnostics_by_uri(const Workspace& workspace,
                                                         Encoding encoding);

}  // namespace seldon_lint::lsp
