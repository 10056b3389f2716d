// The command-line interface (interfaces.md "Command line").
#pragma once

#include <memory>
#include <ostream>

namespace seldon_lint {

// Parses arguments and runs `rules`, `explain` or a lint; returns the exit code.
// With `keep`, a lint hands its model to *keep instead of freeing it: the
// binary exits without spending the last part of a big run on free()
// (main keeps it reachable, so LeakSanitizer stays quiet).
int run_app(int argc, char** argv, std::ostream& out, std::ostream& err,
            std::shared_ptr<void>* keep = nullptr);

}  // namespace seldon_lint
