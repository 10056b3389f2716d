#include "rules/fix_support.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({kafka::kProtocol, kafka::kEndpointAlgorithm})) continue;
    kafka::ProtocolState state = kafka::protocol_of(release);
    if (state.protocol != kafka::Protocol::Ssl && state.protocol != kafka::Protocol::SaslSsl) {
      continue;
    }
    const yaml::Node* node = release.value(kafka::kEndpointAlgorithm);
    std::string_view algorithm = trim(release.text(kafka::kEndpointAlgorithm));
    std::string how;
    if (node == nullptr || node->is_null()) {
      how = "not set";
    } else if (kafka::is_structured(node)) {
      how = fmt::format("{}, not a string", kafka::describe_value(node));
    } else if (algorithm.empty()) {
      how = "empty";
    } else if (contains_icase(algorithm, "none") && algorithm.size() == 4) {
      how = "'none'";
    } else {
      continue;  // https (or another algorithm the client understands)
    }
    std::string message = fmt::format(
        "protocol {} uses TLS but security.kafka.ssl.client.endpointIdentificationAlgorithm is "
        "{}: the broker certificate's host name is not verified; set it to https",
        state.text, how);
    Finding finding =
        out.finding(std::move(message), kafka::locate_value(release, kafka::kEndpointAlgorithm),
                    fmt::format("{}={}", kafka::kEndpointAlgorithm, kafka::value_shape(node)));
    // Unset, empty or null: https goes into the release's own top layer.  A
    // map or 'none' was written on purpose: a human decides.
    if (!kafka::is_structured(node) && algorithm.empty()) {
      finding.fixes = fixes::set_value_fix(model, release, kafka::kEndpointAlgorithm, "https",
                                           "Set endpointIdentificationAlgorithm: https");
    }
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_BrokerHostnameVerificationOff() {
  return std::make_unique<FunctionRule>(rule_info("SL103"), check);
}

}  // namespace seldon_lint
