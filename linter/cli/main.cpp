#include <iostream>

#include "linter/cli/app.hpp"
#include "linter/base/phase_timer.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  seldon_lint::PhaseTimer timer;
  int code = seldon_lint::run_app(argc, argv, std::cout, std::cerr);
  timer.mark("run_app");
  return code;
}
