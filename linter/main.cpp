#include <iostream>

#include "linter/app.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return seldon_lint::run_app(argc, argv, std::cout, std::cerr);
}
