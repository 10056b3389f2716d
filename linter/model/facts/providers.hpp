// Managed Kafka services the linter recognises, as one data table
// (seldon-kafka-facts.md "Providers").  Rules ask "which provider is this
// bootstrap?" and then read the provider's facts: listener ports, the
// protocol/mechanism combinations each listener offers, username rules and
// replication requirements.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seldon_lint::providers {

// One broker listener of a provider: a port and the security it speaks.
struct Listener {
  int port = 0;
  std::string_view label;     // "SASL/SCRAM", "TLS", "IAM"
  std::string_view protocol;  // Seldon's security.kafka.protocol on this listener
  // SASL mechanisms offered (Seldon spelling); empty for a listener without SASL.
  std::vector<std::string_view> mechanisms;
  // False when Seldon cannot authenticate on it at all (MSK IAM).
  bool seldon_supported = true;
};

enum class Replication {
  Managed,        // the service sets it; the value is ignored (Event Hubs)
  Exactly,        // must equal `replication_factor` (Confluent Cloud: 3)
  AtMostBrokers,  // ≤ broker count (self-managed, MSK)
};

struct Provider {
  std::string_view id;    // "eventhubs", "confluent-cloud", "msk", "strimzi"
  std::string_view name;  // "Azure Event Hubs"
  // Host name globs (lower case; `*` matches within one label run, see glob_match).
  std::vector<std::string_view> host_patterns;
  // Listeners; a port absent here is the wrong port for a managed service
  // (not for Strimzi, whose listeners are user-defined: `fixed_ports` false).
  std::vector<Listener> listeners;
  bool fixed_ports = true;
  // Accepts any protocol/mechanism Seldon supports (self-managed brokers).
  bool any_auth = false;
  // Username: a literal the service requires ("$ConnectionString"), else empty.
  std::string_view required_username;
  std::string_view username_hint;  // "API key", "KafkaUser name"
  std::string_view password_hint;  // "namespace-level connection string"
  Replication replication = Replication::AtMostBrokers;
  int replication_factor = 0;  // for Replication::Exactly

  const Listener* listener(int port) const;
  // Does some listener (the one on `port` when given and known) offer this
  // protocol (and, for SASL protocols, mechanism)?
  bool offers(std::string_view protocol, std::string_view mechanism,
              std::optional<int> port = std::nullopt) const;
  // "SASL_SSL + PLAIN", "SASL_SSL + PLAIN or OAUTHBEARER; SSL (port 9094)"
  std::string describe_auth(std::optional<int> port = std::nullopt) const;
};

// Every provider the linter knows, most specific first.
const std::vector<Provider>& all();

// One `host:port` of a bootstrap list.
struct BrokerAddress {
  std::string_view host;  // as written (trimmed)
  std::optional<int> port;
  bool port_valid = true;  // false for "host:" or "host:abc"
};
// Splits a comma-separated bootstrap list; empty entries are skipped.
std::vector<BrokerAddress> parse_bootstrap(std::string_view bootstrap);

// The provider of one host name (case-insensitive), or nullptr.
const Provider* provider_for_host(std::string_view host);
// The provider of a bootstrap list: every host must be recognised as the same
// provider, else nullptr.  Hosts may lack a port.
const Provider* provider_for_bootstrap(std::string_view bootstrap);
// The single port all brokers of the list share, if they share one.
std::optional<int> common_port(std::string_view bootstrap);

}  // namespace seldon_lint::providers
