// `seldon-lint lsp`: a Language Server Protocol 3.17 server over stdio.
#pragma once

#include <functional>
#include <istream>
#include <ostream>

#include "linter/lsp/workspace.hpp"

namespace seldon_lint::lsp {

struct ServerOptions {
  unsigned jobs = 1;
  ConfigLoader load_config;
  // True when another message is already waiting: the server then handles it
  // before linting (a burst of keystrokes is linted once).  Unset: never.
  std::function<bool()> input_pending;
  std::string version;  // serverInfo.version
};

// Serves until `exit` or the end of `in`.  Returns the process exit code: 0
// after shutdown + exit, 1 when the client exited or vanished without
// `shutdown` (LSP 3.17 "exit").  Never throws; diagnostics of its own go to `log`.
int run_language_server(std::istream& in, std::ostream& out, std::ostream& log,
                        const ServerOptions& options);

}  // namespace seldon_lint::lsp
