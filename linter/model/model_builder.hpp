// Builds the repository model from parsed files: releases with their values
// layers and effective values (sources/), secrets with key names, runtimes,
// Seldon resources and Event Hubs namespaces (objects/).
#pragma once

#include "linter/input/config.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// `model.files` must be loaded; fills everything else.
void build_model(Model& model, const Config& config);

}  // namespace seldon_lint
