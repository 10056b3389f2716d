// The command-line interface (interfaces.md "Command line").
#pragma once

#include <ostream>

namespace seldon_lint {

// Parses arguments and runs `rules`, `explain` or a lint; returns the exit code.
int run_app(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace seldon_lint
