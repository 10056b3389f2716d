// `seldon-lint lsp`: the language server on stdin/stdout.
#include <poll.h>
#include <unistd.h>

#include <csignal>

#include "linter/base/thread_pool.hpp"
#include "linter/cli/commands.hpp"
#include "linter/lsp/server.hpp"
#include "seldon_lint_build_info.hpp"

namespace seldon_lint::commands {
namespace {

// Bytes are waiting on stdin (the language server defers linting to them).
bool stdin_readable() {
  pollfd fd{STDIN_FILENO, POLLIN, 0};
  return ::poll(&fd, 1, 0) > 0 && (fd.revents & POLLIN) != 0;
}

}  // namespace

// `seldon-lint lsp`: the language server on stdin/stdout (logs on stderr).
int run_lsp(const CliOptions& cli, std::istream& in, std::ostream& out, std::ostream& err) {
  // A client that closes the pipe must not kill the server with SIGPIPE
  // mid-write: the write fails and the server ends.
  std::signal(SIGPIPE, SIG_IGN);
  // Unsynchronized streams buffer stdin themselves: faster reads, and
  // in_avail() then sees what is buffered.  Nothing was read or written yet.
  std::ios::sync_with_stdio(false);
  lsp::ServerOptions options;
  options.jobs = cli.jobs == 0 ? default_jobs() : cli.jobs;
  options.version = SELDON_LINT_VERSION;
  std::string config_path = cli.config;
  options.load_config = [config_path](const std::string& root, Config& config, std::string& error) {
    return read_configuration(config_path, root, config, error);
  };
  options.input_pending = [&in]() { return in.rdbuf()->in_avail() > 0 || stdin_readable(); };
  return lsp::run_language_server(in, out, err, options);
}

}  // namespace seldon_lint::commands
