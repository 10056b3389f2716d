#include <algorithm>

#include "rules/eventhub_support.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kBootstrap = "kafka.bootstrap";

RuleInfo info() {
  RuleInfo r;
  r.id = "SL403";
  r.name = "kafka-bootstrap-invalid";
  r.severity = Severity::Error;
  r.tags = {"kafka", "managed-kafka"};
  r.precision = "high";
  r.summary =
      "kafka.bootstrap is not a host:port list, or uses the wrong port of a managed service";
  r.doc.what =
      "Reports a `kafka.bootstrap` that is not a comma-separated list of `host:port` (a missing "
      "or non-numeric port, a URL scheme, an empty entry), and a recognised managed Kafka "
      "service on a port it does not listen on: Azure Event Hubs `:9093`, Confluent Cloud "
      "`:9092`, Amazon MSK `:9094` (TLS) or `:9096` (SASL/SCRAM). Values still holding a "
      "`${VAR}` or `<placeholder>` are left to SL502.";
  r.doc.why =
      "One Seldon component crashes on a bootstrap entry without a port; the others connect "
      "to nothing. A managed service on the wrong port times out without a useful error.";
  r.doc.example =
      "kafka:\n"
      "  bootstrap: seldon-prod.servicebus.windows.net:9092\n";
  r.doc.fix =
      "kafka:\n"
      "  bootstrap: seldon-prod.servicebus.windows.net:9093\n";
  return r;
}

bool valid_host(std::string_view host) {
  if (host.empty()) return false;
  if (host.front() == '[') return host.back() == ']';  // IPv6 literal
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
  });
}

// The listener a protocol/mechanism should use on a fixed-port provider.
const providers::Listener* expected_listener(const providers::Provider& provider,
                                             const Release& release) {
  kafka::ProtocolState protocol = kafka::protocol_of(release);
  std::string_view mechanism = release.text(kafka::kMechanism);
  for (const auto& l : provider.listeners) {
    if (!l.seldon_supported || l.protocol != protocol.text) continue;
    if (l.mechanisms.empty() ||
        std::find(l.mechanisms.begin(), l.mechanisms.end(), mechanism) != l.mechanisms.end()) {
      return &l;
    }
  }
  for (const auto& l : provider.listeners) {
    if (l.seldon_supported) return &l;
  }
  return nullptr;
}

void report(const Release& release, std::string message, std::string identity, Reporter& out) {
  Finding finding = out.finding(std::move(message), release.locate(kBootstrap), identity);
  out.add(std::move(finding), release);
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    const yaml::Node* node = release.value(kBootstrap);
    if (node == nullptr || node->is_null()) continue;  // deleted: other rules say so
    if (!node->is_scalar()) {
      report(release,
             fmt::format("kafka.bootstrap is {} in {}; it must be a comma-separated string of "
                         "host:port",
                         kafka::describe_value(node), describe_release(release)),
             "kafka.bootstrap=" + kafka::value_shape(node), out);
      continue;
    }
    std::string_view bootstrap = trim(node->scalar);
    if (bootstrap.find_first_of("${}<>") != std::string_view::npos) continue;  // SL502
    if (bootstrap.empty()) {
      report(release,
             fmt::format("kafka.bootstrap is empty in {}; set it to the brokers' host:port list",
                         describe_release(release)),
             "kafka.bootstrap=", out);
      continue;
    }
    // Syntax: every entry host:port, port 1-65535.
    std::string problem;
    for (auto raw : split(bootstrap, ',')) {
      std::string_view entry = trim(raw);
      if (entry.empty()) {
        problem = "has an empty entry (stray comma)";
        break;
      }
      if (entry.find("://") != std::string_view::npos) {
        problem = fmt::format("entry '{}' has a URL scheme; Kafka wants plain host:port", entry);
        break;
      }
      auto parsed = providers::parse_bootstrap(entry);
      if (parsed.empty()) continue;
      const auto& address = parsed.front();
      if (!address.port && address.port_valid) {
        problem = fmt::format("entry '{}' has no port (one Seldon component crashes on it)", entry);
        break;
      }
      if (!address.port_valid || !address.port || *address.port < 1 || *address.port > 65535) {
        problem = fmt::format("entry '{}' has an invalid port", entry);
        break;
      }
      if (!valid_host(address.host)) {
        problem = fmt::format("entry '{}' has an invalid host name", entry);
        break;
      }
    }
    if (!problem.empty()) {
      report(release,
             fmt::format("kafka.bootstrap '{}' in {} {}; write a comma-separated list of host:port",
                         bootstrap, describe_release(release), problem),
             fmt::format("kafka.bootstrap={}", bootstrap), out);
      continue;
    }
    // Managed services listen on fixed ports.
    const providers::Provider* provider = providers::provider_for_bootstrap(bootstrap);
    if (provider == nullptr || !provider->fixed_ports) continue;
    for (const auto& address : providers::parse_bootstrap(bootstrap)) {
      if (!address.port || provider->listener(*address.port) != nullptr) continue;
      const providers::Listener* want = expected_listener(*provider, release);
      std::string ports;
      for (const auto& l : provider->listeners) {
        if (!l.seldon_supported) continue;
        if (!ports.empty()) ports += ", ";
        ports += fmt::format("{} ({})", l.port, l.label);
      }
      std::string fix =
          want == nullptr ? std::string() : fmt::format("; use {}:{}", address.host, want->port);
      report(release,
             fmt::format("{} listens on port{} {}, but kafka.bootstrap of {} uses {}:{}{}",
                         provider->name, provider->listeners.size() > 1 ? "s" : "", ports,
                         describe_release(release), address.host, *address.port, fix),
             fmt::format("provider={};port={}", provider->id, *address.port), out);
      break;
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_KafkaBootstrapInvalid() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
