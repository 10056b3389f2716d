#include <algorithm>

#include "linter/model/broker.hpp"
#include "linter/model/facts/providers.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

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
  out.add(std::move(message), release.broker.location, std::move(identity), release);
}

// What is wrong with the list's syntax (every entry host:port, port
// 1-65535), or empty when nothing is.  The first bad entry is named.
std::string syntax_problem(const Broker& broker) {
  for (const BrokerEntry& entry : broker.entries) {
    if (entry.text.empty()) return "has an empty entry (stray comma)";
    if (entry.text.find("://") != std::string::npos) {
      return fmt::format("entry '{}' has a URL scheme; Kafka wants plain host:port", entry.text);
    }
    if (!entry.port && entry.port_valid) {
      return fmt::format("entry '{}' has no port (one Seldon component crashes on it)", entry.text);
    }
    if (!entry.port_valid || !entry.port || *entry.port < 1 || *entry.port > 65535) {
      return fmt::format("entry '{}' has an invalid port", entry.text);
    }
    if (!valid_host(entry.host))
      return fmt::format("entry '{}' has an invalid host name", entry.text);
  }
  return {};
}

// Managed services listen on fixed ports: the first entry on another port.
void check_provider_port(const Release& release, Reporter& out) {
  const providers::Provider* provider = release.broker.provider;
  if (provider == nullptr || !provider->fixed_ports) return;
  for (const BrokerEntry& entry : release.broker.entries) {
    if (!entry.port || provider->listener(*entry.port) != nullptr) continue;
    const providers::Listener* want = expected_listener(*provider, release);
    std::string ports;
    for (const auto& l : provider->listeners) {
      if (!l.seldon_supported) continue;
      if (!ports.empty()) ports += ", ";
      ports += fmt::format("{} ({})", l.port, l.label);
    }
    std::string fix =
        want == nullptr ? std::string() : fmt::format("; use {}:{}", entry.host, want->port);
    report(release,
           fmt::format("{} listens on port{} {}, but kafka.bootstrap of {} uses {}:{}{}",
                       provider->name, provider->listeners.size() > 1 ? "s" : "", ports,
                       describe_release(release), entry.host, *entry.port, fix),
           fmt::format("provider={};port={}", provider->id, *entry.port), out);
    return;
  }
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known("kafka.bootstrap")) continue;
    const Broker& broker = release.broker;
    if (broker.form == Broker::Form::Absent) continue;  // deleted: other rules say so
    if (broker.form == Broker::Form::Structured) {
      const yaml::Node* node = release.value(kBootstrapPath);
      report(release,
             fmt::format("kafka.bootstrap is {} in {}; it must be a comma-separated string of "
                         "host:port",
                         kafka::describe_value(node), describe_release(release)),
             "kafka.bootstrap=" + kafka::value_shape(node), out);
      continue;
    }
    if (broker.placeholder) {
      // SL502 reports the placeholder; a placeholder entry that also lacks
      // its port (`<kafka-bootstrap>`, `< Broker Endpoints >`) stays broken
      // once filled in the same shape.  `${VAR}` may stand for the whole list.
      for (const BrokerEntry& entry : broker.entries) {
        if (entry.text.empty() || entry.text.find("${") != std::string::npos) continue;
        if (entry.port || !entry.port_valid) continue;
        report(release,
               fmt::format("kafka.bootstrap '{}' in {} entry '{}' is a placeholder with no port "
                           "(one Seldon component crashes on it); replace it with a "
                           "comma-separated list of host:port",
                           trim(broker.text), describe_release(release), entry.text),
               fmt::format("kafka.bootstrap={}", trim(broker.text)), out);
        break;
      }
      continue;
    }
    std::string_view bootstrap = trim(broker.text);
    if (bootstrap.empty()) {
      report(release,
             fmt::format("kafka.bootstrap is empty in {}; set it to the brokers' host:port list",
                         describe_release(release)),
             "kafka.bootstrap=", out);
      continue;
    }
    if (std::string problem = syntax_problem(broker); !problem.empty()) {
      report(release,
             fmt::format("kafka.bootstrap '{}' in {} {}; write a comma-separated list of host:port",
                         bootstrap, describe_release(release), problem),
             fmt::format("kafka.bootstrap={}", bootstrap), out);
      continue;
    }
    check_provider_port(release, out);
  }
}

}  // namespace

std::unique_ptr<Rule> make_KafkaBootstrapInvalid() {
  return std::make_unique<FunctionRule>(rule_info("SL403"), check);
}

}  // namespace seldon_lint
