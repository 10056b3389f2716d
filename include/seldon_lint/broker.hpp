// The Kafka brokers a release connects to: its effective `kafka.bootstrap`,
// read once when the model is built (linter/model/broker.cpp), so rules ask
// "which provider, which ports, which Event Hubs namespace" instead of
// re-parsing the text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/location.hpp"

namespace seldon_lint {

namespace providers {
struct Provider;  // linter/model/facts/providers.hpp
}

// One comma-separated entry of `kafka.bootstrap`.
struct BrokerEntry {
  std::string text;         // trimmed; empty for a stray comma
  std::string host;         // as written
  std::optional<int> port;  // absent when not written
  bool port_valid = true;   // false for "host:" or "host:abc"
};

struct Broker {
  enum class Form {
    Absent,     // not set, or deleted with null
    Scalar,     // a string: the usual case
    Structured  // a map or a list where a string belongs
  };
  Form form = Form::Absent;
  std::string text;   // the value as written; empty unless a scalar
  Location location;  // where a finding about the bootstrap points
  // Every comma-separated entry, in order, stray empty ones included.
  std::vector<BrokerEntry> entries;
  // Holds `${VAR}`, `<placeholder>` or braces: not a broker list yet (SL502's).
  bool placeholder = false;
  // The managed service every host belongs to (seldon-kafka-facts.md
  // "Providers"); nullptr when unrecognised or when the hosts disagree.
  const providers::Provider* provider = nullptr;
  std::optional<int> common_port;  // the port every entry shares, if they share one
  // `<ns>` of each `<ns>.servicebus.windows.net` host, lower case, in order.
  std::vector<std::string> eventhub_namespaces;
  // Entries lower-cased, sorted and joined: the same brokers written in
  // another order compare equal.
  std::string identity;

  // Entries that name a host (stray commas not counted).
  size_t host_count() const;
  // Is the provider the one with this id ("eventhubs", "confluent-cloud", "msk", "strimzi")?
  bool is(std::string_view provider_id) const;
};

}  // namespace seldon_lint
