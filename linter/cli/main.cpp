#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>

#include "linter/base/phase_timer.hpp"
#include "linter/cli/app.hpp"

#ifdef SELDON_LINT_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

// A lint allocates its node trees a few hundred megabytes at a time on a big
// repository.  In 4 KiB pages that is tens of thousands of page faults,
// which are expensive on a virtual machine; 2 MiB pages (where the kernel
// allows them: transparent huge pages `madvise` or `always`) cut them by more
// than half for the same peak RSS, and a 10,000-file run by 23% there.
// mimalloc reads the option when it maps its first region, before main runs,
// so it is set from the executable's pre-initialisation array, which the
// dynamic loader runs before any library's initialisers, with the
// environment as the third argument (getenv may not see it yet).
// MIMALLOC_LARGE_OS_PAGES in the environment still wins.
void prefer_large_pages(int /*argc*/, char** /*argv*/, char** envp) {
#ifdef SELDON_LINT_WITH_MIMALLOC
  constexpr std::string_view kVariable = "MIMALLOC_LARGE_OS_PAGES=";
  for (char** variable = envp; variable != nullptr && *variable != nullptr; ++variable) {
    if (std::string_view(*variable).starts_with(kVariable)) return;
  }
  mi_option_enable(mi_option_large_os_pages);
#else
  (void)envp;
#endif
}

[[gnu::used,
  gnu::section(".preinit_array")]] void (*const preinit_large_pages)(int, char**,
                                                                     char**) = prefer_large_pages;

}  // namespace

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
