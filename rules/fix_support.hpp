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

// The layer a fix that adds a value for `release` edits: the release's own
// highest-priority values file or inline values.  Parameter layers (`--set`,
// Argo CD helm.parameters) are never edited, only looked past when they do not
// set `dotted_path`; a layer that also feeds a release of another environment
// (a shared base) is never edited.  nullptr when there is no such layer.
const ValuesLayer* own_layer(const Model& model, const Release& release,
                             std::string_view dotted_path);

// Edits that make `layer` set `dotted_path` to the plain scalar `value`: the
// value it has there (a scalar or null) replaced, or the missing keys inserted after
// the last entry of the deepest map that exists, at that map's indentation
// and with the file's line breaks.  nullopt when the layer's text is not a
// block map laid out as expected.
// With `value_is_source`, `value` is YAML source text written as is (a
// value moved from elsewhere, quotes included); it then never replaces an
// existing value.
std::optional<std::vector<TextEdit>> set_in_layer(const Model& model, const ValuesLayer& layer,
                                                  std::string_view dotted_path,
                                                  std::string_view value,
                                                  bool value_is_source = false);

// The exact source text of a one-line scalar (quotes included), when its
// range points at it.
std::optional<std::string> scalar_source(const Model& model, const yaml::Node& node);

// An edit renaming the plain key of `entry` to `key`.
std::optional<TextEdit> rename_key(const Model& model, const yaml::Entry& entry,
                                   std::string_view key);

// An edit deleting `entry` (a key with a one-line scalar value, alone on its
// line, trailing comment included) with its line break.
std::optional<TextEdit> delete_entry_line(const Model& model, const yaml::Entry& entry);

// own_layer + set_in_layer as a fix (none when either fails).
std::vector<Fix> set_value_fix(const Model& model, const Release& release,
                               std::string_view dotted_path, std::string_view value,
                               std::string description);

// A fix with one edit, or none.
std::vector<Fix> single(std::string description, std::optional<TextEdit> edit);

}  // namespace seldon_lint::fixes
