// Requests on top of the lint results: hover on a values key, code actions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "linter/lsp/text_position.hpp"
#include "linter/lsp/workspace.hpp"

namespace seldon_lint::lsp {

inline constexpr const char* kSelectReasonCommand = "seldon-lint.selectReason";

// textDocument/hover at `byte` of file `relative`: for a key of a Seldon
// values layer, the effective value in each release the layer feeds and the
// layer that set it.  Null when there is nothing to say.
nlohmann::json hover_at(const Workspace& workspace, const std::string& relative, size_t byte,
                        Encoding encoding);

// textDocument/codeAction for `range` (an LSP Range) of file `relative`: the
// rule's own fixes (Finding::fixes) and "suppress with reason" for each
// finding there.
nlohmann::json code_actions_at(const Workspace& workspace, const std::string& relative,
                               const nlohmann::json& range, Encoding encoding);

}  // namespace seldon_lint::lsp
