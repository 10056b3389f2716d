// Reading the effective Kafka settings of a release the way Seldon's
// components read them: the protocol, the SASL mechanism, secret names.
// Shared by the transport (SL1xx) and authentication (SL2xx) rules.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint::kafka {

inline constexpr std::string_view kProtocol = "security.kafka.protocol";
inline constexpr std::string_view kMechanism = "security.kafka.sasl.mechanism";
inline constexpr std::string_view kSaslSecret = "security.kafka.sasl.client.secret";
inline constexpr std::string_view kPasswordPath = "security.kafka.sasl.client.passwordPath";
inline constexpr std::string_view kUsername = "security.kafka.sasl.client.username";
inline constexpr std::string_view kSslSecret = "security.kafka.ssl.client.secret";
inline constexpr std::string_view kBrokerSecret =
    "security.kafka.ssl.client.brokerValidationSecret";
inline constexpr std::string_view kBrokerCaPath = "security.kafka.ssl.client.brokerCaPath";
inline constexpr std::string_view kEndpointAlgorithm =
    "security.kafka.ssl.client.endpointIdentificationAlgorithm";

enum class Protocol { Plaintext, Ssl, SaslSsl, Invalid };

struct ProtocolState {
  Protocol protocol = Protocol::Plaintext;
  std::string text;        // the value as written ("" when absent, empty or not a scalar)
  bool by_default = true;  // not set by a layer, or empty: the chart's PLAINTEXT applies
};

// How a values node reads in a message: 'SSL', '' , a map, a list.
inline std::string describe_value(const yaml::Node* node) {
  if (node == nullptr || node->is_null()) return "not set";
  if (node->is_map()) return "a map";
  if (node->is_seq()) return "a list";
  return fmt::format("'{}'", node->scalar);
}

// Identity-friendly shape of a value: the scalar, or <map>/<list>.
inline std::string value_shape(const yaml::Node* node) {
  if (node == nullptr || node->is_null()) return "<absent>";
  if (node->is_map()) return "<map>";
  if (node->is_seq()) return "<list>";
  return node->scalar;
}

// A non-null value that is not a scalar (a map or list where a string belongs).
inline bool is_structured(const yaml::Node* node) {
  return node != nullptr && (node->is_map() || node->is_seq());
}

// Where a finding about the value at `path` points: the value, or, for a map
// or list where a string belongs, its key (a block map starts on the next line).
inline Location locate_value(const Release& release, std::string_view path) {
  if (is_structured(release.value(path))) {
    Location key = release.locate_key(path);
    if (key.known()) return key;
  }
  return release.locate(path);
}

// The effective protocol: absent or empty is the chart's PLAINTEXT, any other
// value must match exactly (the components compare case-sensitively).
inline ProtocolState protocol_of(const Release& release) {
  ProtocolState state;
  const yaml::Node* node = release.value(kProtocol);
  if (is_structured(node)) {
    state.protocol = Protocol::Invalid;
    state.by_default = false;
    return state;
  }
  state.text = std::string(release.text(kProtocol));
  if (state.text.empty()) return state;
  state.by_default = !release.set_by_layer(kProtocol);
  if (state.text == "PLAINTEXT") {
    state.protocol = Protocol::Plaintext;
  } else if (state.text == "SSL") {
    state.protocol = Protocol::Ssl;
  } else if (state.text == "SASL_SSL") {
    state.protocol = Protocol::SaslSsl;
  } else {
    state.protocol = Protocol::Invalid;
  }
  return state;
}

// "PLAINTEXT (chart default)", "SSL".
inline std::string protocol_label(const ProtocolState& state) {
  if (state.by_default) return "PLAINTEXT (chart default)";
  return state.text;
}

// A secret name set for `path`: the effective scalar text, empty when unset.
inline std::string_view secret_name(const Release& release, std::string_view path) {
  return trim(release.text(path));
}

inline std::string upper_normalised(std::string_view text) {
  std::string out;
  for (char c : trim(text)) {
    if (c == '-' || c == ' ' || c == '.') c = '_';
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

// The valid protocol a mistyped one most likely meant: `ssl` → SSL, `TLS` →
// SSL, `SASL_PLAINTEXT` → SASL_SSL (Seldon has no SASL without TLS).
// Empty when nothing is plausible.
inline std::string suggest_protocol(std::string_view value) {
  const auto& valid = facts::kafka_protocols();
  std::string norm = upper_normalised(value);
  if (norm.empty()) return {};
  for (const auto& p : valid) {
    if (norm == p) return p;
  }
  if (norm.find("SASL") != std::string::npos) return "SASL_SSL";
  if (norm.find("SSL") != std::string::npos || norm.find("TLS") != std::string::npos) {
    return "SSL";
  }
  if (norm == "PLAIN" || norm == "NONE" || norm == "CLEARTEXT") return "PLAINTEXT";
  return closest_match(norm, valid, std::min<size_t>(3, norm.size() / 3));
}

// The valid SASL mechanism a mistyped one most likely meant:
// `scram-sha-512`, `SCRAM_SHA_512`, `SCRAM-SHA512` → SCRAM-SHA-512, `OAUTH` → OAUTHBEARER.
inline std::string suggest_mechanism(std::string_view value) {
  const auto& valid = facts::sasl_mechanisms();
  std::string norm = upper_normalised(value);  // '-' and '_' both become '_'
  if (norm.empty()) return {};
  for (const auto& m : valid) {
    if (upper_normalised(m) == norm) return m;
  }
  if (norm.rfind("OAUTH", 0) == 0) return "OAUTHBEARER";
  std::string squeezed;
  for (char c : norm) {
    if (c != '_') squeezed.push_back(c);
  }
  for (const auto& m : valid) {
    std::string candidate;
    for (char c : upper_normalised(m)) {
      if (c != '_') candidate.push_back(c);
    }
    if (candidate == squeezed) return m;
  }
  std::vector<std::string> normalised;
  normalised.reserve(valid.size());
  for (const auto& m : valid) normalised.push_back(upper_normalised(m));
  std::string best = closest_match(norm, normalised, std::min<size_t>(2, norm.size() / 4));
  for (size_t i = 0; i < valid.size(); ++i) {
    if (!best.empty() && normalised[i] == best) return valid[i];
  }
  return {};
}

// "PLAINTEXT, SSL, SASL_SSL"
inline std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

// The key of `path` in the highest-priority layer that mentions it, when that
// layer deletes it with `null` (the effective value is then absent).
inline Location explicit_null_key(const Release& release, std::string_view path) {
  if (release.value(path) != nullptr) return Location{};
  auto parts = split(path, '.');
  // NOLINTNEXTLINE(modernize-loop-convert): clang 14 cannot use libstdc++ 12's views::reverse
  for (auto layer = release.layers.rbegin(); layer != release.layers.rend(); ++layer) {
    const yaml::Node* current = layer->values;
    const yaml::Entry* entry = nullptr;
    for (auto part : parts) {
      entry = current == nullptr ? nullptr : current->find_entry(part);
      if (entry == nullptr) break;
      current = &entry->value;
    }
    if (entry == nullptr) continue;
    if (entry->value.is_null()) return Location{entry->key_file, entry->key_range};
    return Location{};
  }
  return Location{};
}

}  // namespace seldon_lint::kafka
