#include "linter/model/facts/providers.hpp"

#include <algorithm>
#include <cctype>

#include "linter/base/glob.hpp"
#include "linter/base/text.hpp"

namespace seldon_lint::providers {

const std::vector<Provider>& all() {
  static const std::vector<Provider> kProviders = [] {
    std::vector<Provider> p;

    Provider eventhubs;
    eventhubs.id = "eventhubs";
    eventhubs.name = "Azure Event Hubs";
    eventhubs.host_patterns = {"*.servicebus.windows.net"};
    eventhubs.listeners = {{9093, "Kafka endpoint", "SASL_SSL", {"PLAIN"}, true}};
    eventhubs.required_username = "$ConnectionString";
    eventhubs.username_hint = "the literal $ConnectionString";
    eventhubs.password_hint = "the namespace-level connection string (no EntityPath=)";
    eventhubs.replication = Replication::Managed;
    p.push_back(std::move(eventhubs));

    Provider confluent;
    confluent.id = "confluent-cloud";
    confluent.name = "Confluent Cloud";
    confluent.host_patterns = {"*.confluent.cloud"};
    confluent.listeners = {{9092, "SASL_SSL", "SASL_SSL", {"PLAIN", "OAUTHBEARER"}, true}};
    confluent.username_hint = "the API key";
    confluent.password_hint = "the API secret";
    confluent.replication = Replication::Exactly;
    confluent.replication_factor = 3;
    p.push_back(std::move(confluent));

    Provider msk;
    msk.id = "msk";
    msk.name = "Amazon MSK";
    msk.host_patterns = {"*.kafka.*.amazonaws.com", "*.kafka-serverless.*.amazonaws.com"};
    msk.listeners = {
        {9094, "TLS", "SSL", {}, true},
        {9096, "SASL/SCRAM", "SASL_SSL", {"SCRAM-SHA-512"}, true},
        {9098, "IAM", "SASL_SSL", {"AWS_MSK_IAM"}, false},
        // Public access (b-N-public.* brokers) listens 100 ports higher.
        {9194, "TLS, public access", "SSL", {}, true},
        {9196, "SASL/SCRAM, public access", "SASL_SSL", {"SCRAM-SHA-512"}, true},
        {9198, "IAM, public access", "SASL_SSL", {"AWS_MSK_IAM"}, false},
    };
    msk.username_hint = "the SCRAM user name";
    msk.password_hint = "the SCRAM password (AWS Secrets Manager secret)";
    msk.replication = Replication::AtMostBrokers;
    p.push_back(std::move(msk));

    Provider strimzi;
    strimzi.id = "strimzi";
    strimzi.name = "Strimzi";
    strimzi.host_patterns = {"*-kafka-bootstrap*"};
    strimzi.listeners = {
        {9092, "plain", "PLAINTEXT", {}, true},
        {9093, "tls", "SSL", {}, true},
    };
    strimzi.fixed_ports = false;
    strimzi.any_auth = true;
    strimzi.username_hint = "the KafkaUser name";
    strimzi.password_hint = "the KafkaUser secret's `password` key";
    strimzi.replication = Replication::AtMostBrokers;
    p.push_back(std::move(strimzi));

    return p;
  }();
  return kProviders;
}

const Listener* Provider::listener(int port) const {
  for (const auto& l : listeners) {
    if (l.port == port) return &l;
  }
  return nullptr;
}

namespace {

bool listener_offers(const Listener& l, std::string_view protocol, std::string_view mechanism) {
  if (!l.seldon_supported || l.protocol != protocol) return false;
  if (protocol != "SASL_SSL") return true;
  return std::find(l.mechanisms.begin(), l.mechanisms.end(), mechanism) != l.mechanisms.end();
}

}  // namespace

bool Provider::offers(std::string_view protocol, std::string_view mechanism,
                      std::optional<int> port) const {
  if (any_auth) return true;
  if (port) {
    if (const Listener* l = listener(*port)) return listener_offers(*l, protocol, mechanism);
  }
  return std::any_of(listeners.begin(), listeners.end(),
                     [&](const Listener& l) { return listener_offers(l, protocol, mechanism); });
}

std::string Provider::describe_auth(std::optional<int> port) const {
  if (any_auth) return "any protocol";
  std::vector<const Listener*> shown;
  const Listener* on_port = port ? listener(*port) : nullptr;
  if (on_port != nullptr) {
    shown.push_back(on_port);
  } else {
    for (const auto& l : listeners) shown.push_back(&l);
  }
  std::string out;
  for (const Listener* l : shown) {
    if (!l->seldon_supported) continue;
    if (!out.empty()) out += "; ";
    out += l->protocol;
    if (!l->mechanisms.empty()) {
      out += " + ";
      for (size_t i = 0; i < l->mechanisms.size(); ++i) {
        if (i > 0) out += " or ";
        out += l->mechanisms[i];
      }
    }
    if (shown.size() > 1 || on_port != nullptr) out += " (port " + std::to_string(l->port) + ")";
  }
  return out;
}

std::vector<BrokerAddress> parse_bootstrap(std::string_view bootstrap) {
  std::vector<BrokerAddress> out;
  for (auto part : split(bootstrap, ',')) {
    part = trim(part);
    if (part.empty()) continue;
    BrokerAddress address;
    // "host:port"; "[v6]:port" keeps its colons; a bare IPv6 literal has no port.
    size_t colon = std::string_view::npos;
    if (part.front() == '[') {
      size_t bracket = part.find(']');
      if (bracket != std::string_view::npos && bracket + 1 < part.size() &&
          part[bracket + 1] == ':') {
        colon = bracket + 1;
      }
    } else if (std::count(part.begin(), part.end(), ':') == 1) {
      colon = part.find(':');
    }
    bool has_port = colon != std::string_view::npos;
    if (!has_port) {
      address.host = part;
    } else {
      address.host = part.substr(0, colon);
      std::string_view digits = part.substr(colon + 1);
      bool numeric =
          !digits.empty() && digits.size() <= 5 &&
          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (numeric) {
        address.port = std::stoi(std::string(digits));
      } else {
        address.port_valid = false;
      }
    }
    out.push_back(address);
  }
  return out;
}

const Provider* provider_for_host(std::string_view host) {
  if (host.empty()) return nullptr;
  std::string h = to_lower(host);
  for (const auto& provider : all()) {
    for (auto pattern : provider.host_patterns) {
      if (glob_match(pattern, h)) return &provider;
    }
  }
  return nullptr;
}

const Provider* provider_for_bootstrap(std::string_view bootstrap) {
  const Provider* found = nullptr;
  for (const auto& address : parse_bootstrap(bootstrap)) {
    const Provider* p = provider_for_host(address.host);
    if (p == nullptr || (found != nullptr && p != found)) return nullptr;
    found = p;
  }
  return found;
}

std::optional<int> common_port(std::string_view bootstrap) {
  std::optional<int> port;
  bool first = true;
  for (const auto& address : parse_bootstrap(bootstrap)) {
    if (!address.port) return std::nullopt;
    if (!first && port != address.port) return std::nullopt;
    port = address.port;
    first = false;
  }
  return port;
}

}  // namespace seldon_lint::providers
