// Building safe fixes (seldon_lint/finding.hpp Fix/TextEdit) for rule
// findings: byte-range edits of the layer that set a value, that keep the
// value's quoting style, the file's comments, indentation and line endings.
// Every edit checks the source bytes it replaces, so a node whose range does
// not point at its own text (a value parsed out of a folded or quoted
// embedded string) gets no fix rather than a wrong one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/finding.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint::fixes {

// The one value of `valid` that `value` spells with only case or punctuation
// wrong (`sasl_ssl` -> SASL_SSL, `scram_sha512` -> SCRAM-SHA-512): letters and
// digits compared upper-cased, everything else ignored.  Empty when `value` is
// already valid, when none or more than one matches.
std::string same_letters(std::string_view value, const std::vector<std::string>& valid);

// True when `text` reads back as the same string written as a plain YAML
// scalar (no quoting needed, not a number, boolean or null).
bool plain_safe(std::string_view text);

// An edit replacing the text of the scalar `node` with `replacement`, in the
// node's own quoting style.  nullopt when the node has no exact source text
// (chart default, embedded in a folded/quoted string), is a block scalar, or
// the replacement cannot be written in that style.
std::optional<TextEdit> replace_scalar(const Model& model, const yaml::Node& node,
                                       std::string_view replacement);

// The fix for an invalid value that is a valid one with only case or
// punctuation wrong (see same_letters); none otherwise.
std::vector<Fix> respell(const Model& model, const yaml::Node* node,
                         const std::vector<std::string>& valid);

// A fix with one edit, or none.
std::vector<Fix> single(std::string description, std::optional<TextEdit> edit);

}  // namespace seldon_lint::fixes
