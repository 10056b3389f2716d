#include <algorithm>

#include "linter/model/facts/providers.hpp"
#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

bool contains(const std::vector<std::string>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::string with_origin(const Release& release, std::string_view path, std::string_view value) {
  return fmt::format("{}{}", value, origin_note(release, path));
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all(
            {"kafka.bootstrap", "security.kafka.protocol", "security.kafka.sasl.mechanism"}))
      continue;
    const providers::Provider* provider = release.broker.provider;
    if (provider == nullptr || provider->any_auth) continue;
    std::optional<int> port = release.broker.common_port;
    std::string_view bootstrap = release.broker.text;
    std::string_view protocol = secrets::effective_protocol(release);
    if (!contains(facts::kafka_protocols(), protocol)) continue;  // SL102's
    std::string_view mechanism = release.text(secrets::kMechanism);
    const providers::Listener* listener = port ? provider->listener(*port) : nullptr;
    std::string port_note = listener != nullptr
                                ? fmt::format(" on port {} ({} listener)", *port, listener->label)
                                : std::string();
    std::string offered = provider->describe_auth(port);
    if (listener != nullptr && !listener->seldon_supported) {
      offered = fmt::format("{} authentication, which Seldon does not support; use {}",
                            listener->label, provider->describe_auth());
    }

    bool protocol_offered =
        provider->offers(protocol, mechanism, port) ||
        (protocol == "SASL_SSL" &&
         std::any_of(facts::sasl_mechanisms().begin(), facts::sasl_mechanisms().end(),
                     [&](const std::string& m) { return provider->offers(protocol, m, port); }));
    if (!protocol_offered) {
      std::string message =
          fmt::format("{}{} does not accept security.kafka.protocol {}; it needs {}. Broker: {}",
                      provider->name, port_note, with_origin(release, secrets::kProtocol, protocol),
                      offered, bootstrap);
      Finding finding = out.finding(
          message, release.locate(secrets::kProtocol),
          fmt::format("provider={};security.kafka.protocol={}", provider->id, protocol));
      relate_provider_broker(finding, release);
      out.add(std::move(finding), release);
      continue;
    }
    if (protocol != "SASL_SSL") continue;
    if (!contains(facts::sasl_mechanisms(), mechanism)) continue;  // SL201's
    if (provider->offers(protocol, mechanism, port)) continue;
    std::string message = fmt::format(
        "{}{} does not offer SASL mechanism {}; it needs {}. Broker: {}", provider->name, port_note,
        with_origin(release, secrets::kMechanism, mechanism), offered, bootstrap);
    Finding finding = out.finding(
        message, release.locate(secrets::kMechanism),
        fmt::format("provider={};security.kafka.sasl.mechanism={}", provider->id, mechanism));
    relate_provider_broker(finding, release);
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_MechanismUnsupportedByProvider() {
  return std::make_unique<FunctionRule>(rule_info("SL206"), check);
}

}  // namespace seldon_lint
