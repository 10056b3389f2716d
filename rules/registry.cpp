// Every rule, one line each, in id order.  Adding a rule: its own file in
// rules/, its fixtures, and one line here.
#include <memory>
#include <vector>

#include "seldon_lint/rule.hpp"

#define SELDON_LINT_RULES(X)            \
  X(YamlSyntaxError)                    \
  X(UnreadableInput)                    \
  X(InvalidSuppression)                 \
  X(UnusedSuppression)                  \
  X(ValuesLayerUnreadable)              \
  X(PlaintextKafkaInProduction)         \
  X(InvalidKafkaProtocol)               \
  X(BrokerHostnameVerificationOff)      \
  X(BrokerCaKeyMissing)                 \
  X(TlsSettingsIgnored)                 \
  X(InvalidSaslMechanism)               \
  X(SaslSecretNotSet)                   \
  X(PasswordPathNotAKey)                \
  X(OauthSecretInvalid)                 \
  X(MtlsSecretIncomplete)               \
  X(MechanismUnsupportedByProvider)     \
  X(SaslUsernameInvalid)                \
  X(NoClientAuthenticationInProduction) \
  X(SecretMissingInRuntimeNamespace)    \
  X(SecretMissingInLogsNamespace)       \
  X(SecretKeyMissing)                   \
  X(PlaintextCredentialCommitted)       \
  X(SecretValueMalformed)               \
  X(EventhubEntityConnectionString)     \
  X(EventhubBasicTier)                  \
  X(EventhubTopicQuotaExceeded)         \
  X(KafkaBootstrapInvalid)              \
  X(EventhubLocalAuthDisabled)          \
  X(ReplicationFactorUnsafe)            \
  X(UnknownValuesKey)                   \
  X(PlaceholderValue)                   \
  X(TopicPrefixInvalid)                 \
  X(RuntimeNamespaceNotWatched)         \
  X(KafkaConfigConflict)

namespace seldon_lint {

#define DECLARE_RULE_FACTORY(Name) std::unique_ptr<Rule> make_##Name();
SELDON_LINT_RULES(DECLARE_RULE_FACTORY)
#undef DECLARE_RULE_FACTORY

std::vector<std::unique_ptr<Rule>> make_all_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
#define ADD_RULE(Name) rules.push_back(make_##Name());
  SELDON_LINT_RULES(ADD_RULE)
#undef ADD_RULE
  return rules;
}

}  // namespace seldon_lint
