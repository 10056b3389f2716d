#include <cstdlib>
#include <iostream>
#include <memory>

#include "linter/base/phase_timer.hpp"
#include "linter/cli/app.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  seldon_lint::PhaseTimer timer;
  // The lint's model lives until the process ends: freeing a big model node
  // by node takes time and gives the user nothing.  std::exit does not
  // destroy main's locals, and `kept` stays reachable on this frame
  // (LeakSanitizer reports nothing).
  std::shared_ptr<void> kept;
  int code = seldon_lint::run_app(argc, argv, std::cout, std::cerr, &kept);
  timer.mark("run_app");
  std::cout.flush();
  std::exit(code);
}
