#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

struct Ignored {
  std::string_view path;
  std::string_view what;       // what the secret is for
  std::string_view used_with;  // protocols that do use it
  bool (*ignored)(kafka::Protocol);
};

const Ignored ignored_settings[] = {
    {kafka::kSaslSecret, "the SASL credentials", "SASL_SSL",
     [](kafka::Protocol p) {
       return p == kafka::Protocol::Ssl || p == kafka::Protocol::Plaintext;
     }},
    {kafka::kSslSecret, "the client certificate (mutual TLS)", "SSL",
     [](kafka::Protocol p) {
       return p == kafka::Protocol::SaslSsl || p == kafka::Protocol::Plaintext;
     }},
    {kafka::kBrokerSecret, "the broker CA", "SSL or SASL_SSL",
     [](kafka::Protocol p) { return p == kafka::Protocol::Plaintext; }},
};

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known(kafka::kProtocol)) continue;
    kafka::ProtocolState state = kafka::protocol_of(release);
    if (state.protocol == kafka::Protocol::Invalid) continue;  // SL102's case
    for (const auto& entry : ignored_settings) {
      if (!entry.ignored(state.protocol)) continue;
      std::string name(kafka::secret_name(release, entry.path));
      if (name.empty()) continue;
      std::string fix;
      if (state.protocol == kafka::Protocol::Plaintext) {
        fix = fmt::format("set security.kafka.protocol to {} or remove it", entry.used_with);
      } else {
        fix = fmt::format("remove it, or set security.kafka.protocol to {} if {} is intended",
                          entry.used_with, entry.path == kafka::kSslSecret ? "mutual TLS" : "SASL");
      }
      std::string message =
          fmt::format("{} is '{}' but protocol {} does not use {}: nothing is protected by it; {}",
                      entry.path, name, kafka::protocol_label(state), entry.what, fix);
      out.add(std::move(message), release.locate(entry.path),
              fmt::format("{}={}@{}", entry.path, name,
                          state.by_default ? std::string("PLAINTEXT") : state.text),
              release);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_TlsSettingsIgnored() {
  return std::make_unique<FunctionRule>(rule_info("SL105"), check);
}

}  // namespace seldon_lint
