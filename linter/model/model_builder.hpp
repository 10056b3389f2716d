// Builds the repository model from parsed files: releases with their values
// layers and effective values, secrets with key names, runtimes, Seldon
// resources and Event Hubs namespaces.
#pragma once

#include <string>

#include "linter/input/config.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// `model.files` must be loaded; fills everything else.
void build_model(Model& model, const Config& config);

// Standard base64 (with or without padding, whitespace ignored); false when
// the text is not base64.
bool decode_base64(std::string_view text, std::string& out);

}  // namespace seldon_lint
