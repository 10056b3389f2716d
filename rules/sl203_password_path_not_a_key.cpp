#include "rules/fix_support.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known(kafka::kPasswordPath)) continue;
    std::string message;
    std::string shape;
    std::vector<Fix> fix;
    Location where;
    if (release.set_by_layer(kafka::kPasswordPath)) {
      const yaml::Node* node = release.value(kafka::kPasswordPath);
      shape = kafka::value_shape(node);
      if (kafka::is_structured(node)) {
        message = fmt::format(
            "security.kafka.sasl.client.passwordPath is {}: it must be the bare name of the "
            "password key in the SASL secret, e.g. 'password'",
            kafka::describe_value(node));
      } else {
        std::string_view value = trim(node->str());
        if (value.empty()) {
          message =
              "security.kafka.sasl.client.passwordPath is empty: it must name the password key "
              "in the SASL secret; remove it to use the chart default 'password'";
          shape = "<empty>";
        } else if (value.find('/') != std::string_view::npos) {
          std::string_view key = facts::basename(value);
          message = fmt::format(
              "security.kafka.sasl.client.passwordPath is the path '{}', not a secret key name; "
              "set it to the bare key{}",
              value, key.empty() ? std::string() : fmt::format(" '{}'", key));
          if (!key.empty()) {
            fix = fixes::single(fmt::format("Replace '{}' with '{}'", value, key),
                                fixes::replace_scalar(model, *node, key));
          }
        } else {
          continue;
        }
      }
      where = kafka::locate_value(release, kafka::kPasswordPath);
    } else {
      // `passwordPath: null` deletes the chart default: the components get no key name.
      where = kafka::explicit_null_key(release, kafka::kPasswordPath);
      if (!where.known()) continue;
      message =
          "security.kafka.sasl.client.passwordPath is null, which deletes the chart default "
          "'password': the components get no key name; remove the line to keep the default, or "
          "set it to the password key of the SASL secret";
      shape = "<null>";
    }
    Finding finding =
        out.finding(std::move(message), where, fmt::format("{}={}", kafka::kPasswordPath, shape));
    finding.fixes = std::move(fix);
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_PasswordPathNotAKey() {
  return std::make_unique<FunctionRule>(rule_info("SL203"), check);
}

}  // namespace seldon_lint
