// Reads a release's Broker from its effective values (once per release, when
// the model is built).
#pragma once

#include "seldon_lint/broker.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

inline constexpr std::string_view kBootstrapPath = "kafka.bootstrap";

Broker read_broker(const Release& release);

}  // namespace seldon_lint
