// Transport and authentication rules (SL102-SL105, SL201-SL203, SL208):
// message wording, did-you-mean suggestions and odd value shapes that the
// fixture repositories do not pin.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "linter/cli/lint.hpp"
#include "rules/kafka_values.hpp"
#include "tests/test_repo.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

using Repo = testing::TestRepo;

std::string values(const std::string& security_kafka) {
  return "kafka:\n  bootstrap: kafka.example.internal:9093\nsecurity:\n  kafka:\n" + security_kafka;
}

}  // namespace

TEST_CASE("protocol suggestions", "[rules]") {
  CHECK(kafka::suggest_protocol("SASL_PLAINTEXT") == "SASL_SSL");
  CHECK(kafka::suggest_protocol("sasl_ssl") == "SASL_SSL");
  CHECK(kafka::suggest_protocol("SASL-SSL") == "SASL_SSL");
  CHECK(kafka::suggest_protocol("ssl") == "SSL");
  CHECK(kafka::suggest_protocol("TLS") == "SSL");
  CHECK(kafka::suggest_protocol("mTLS") == "SSL");
  CHECK(kafka::suggest_protocol("plaintext") == "PLAINTEXT");
  CHECK(kafka::suggest_protocol("PLAINTXT") == "PLAINTEXT");
  CHECK(kafka::suggest_protocol("123").empty());
  CHECK(kafka::suggest_protocol("").empty());
}

TEST_CASE("mechanism suggestions", "[rules]") {
  CHECK(kafka::suggest_mechanism("SCRAM-SHA512") == "SCRAM-SHA-512");
  CHECK(kafka::suggest_mechanism("scram-sha-256") == "SCRAM-SHA-256");
  CHECK(kafka::suggest_mechanism("SCRAM_SHA_512") == "SCRAM-SHA-512");
  CHECK(kafka::suggest_mechanism("SCRAM-SHA-25") == "SCRAM-SHA-256");
  CHECK(kafka::suggest_mechanism("OAUTH") == "OAUTHBEARER");
  CHECK(kafka::suggest_mechanism("plain") == "PLAIN");
  CHECK(kafka::suggest_mechanism("GSSAPI").empty());
  CHECK(kafka::suggest_mechanism("AWS_MSK_IAM").empty());
}

TEST_CASE("SL102 message names the value, the valid set and the closest one", "[rules]") {
  Repo repo;
  repo.file("envs/dev/components-values.yaml", values("    protocol: SASL_PLAINTEXT\n"));
  auto findings = repo.lint("SL102");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "security.kafka.protocol is 'SASL_PLAINTEXT', not one of PLAINTEXT, SSL, SASL_SSL "
        "(case-sensitive); did you mean 'SASL_SSL'?");
  CHECK(findings[0].identity == "security.kafka.protocol=SASL_PLAINTEXT");
  CHECK(findings[0].location.range.begin.line == 5);
  CHECK(findings[0].location.range.begin.column == 15);
}

TEST_CASE("SL102 handles non-string protocols and stays silent on absence", "[rules]") {
  SECTION("a number") {
    Repo repo;
    repo.file("envs/dev/components-values.yaml", values("    protocol: 123\n"));
    auto findings = repo.lint("SL102");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message ==
          "security.kafka.protocol is '123', not one of PLAINTEXT, SSL, SASL_SSL "
          "(case-sensitive); set one of them");
  }
  SECTION("a list points at the key") {
    Repo repo;
    repo.file("envs/dev/components-values.yaml", values("    protocol:\n      - SSL\n"));
    auto findings = repo.lint("SL102");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("is a list") != std::string::npos);
    CHECK(findings[0].location.range.begin.line == 5);
  }
  SECTION("empty, null and absent are the chart default") {
    Repo repo;
    repo.file("envs/dev/a/components-values.yaml", values("    protocol: \"\"\n"));
    repo.file("envs/dev/b/components-values.yaml", values("    protocol: null\n"));
    repo.file("envs/dev/c/components-values.yaml", values("    sasl:\n      mechanism: PLAIN\n"));
    CHECK(repo.lint("SL102").empty());
  }
}

TEST_CASE("SL101 leaves a map-valued protocol to SL102", "[rules]") {
  Repo repo;
  repo.file("clusters/prod/components-values.yaml", values("    protocol:\n      name: SSL\n"));
  CHECK(repo.lint("SL101").empty());
  CHECK(repo.lint("SL102").size() == 1);
}

TEST_CASE("SL103 fires only under TLS protocols", "[rules]") {
  Repo repo;
  repo.file("envs/dev/a/components-values.yaml", values("    protocol: SASL_SSL\n"));
  repo.file("envs/dev/b/components-values.yaml", values("    protocol: PLAINTEXT\n"));
  repo.file("envs/dev/c/components-values.yaml", values("    protocol: TLS\n"));
  repo.file("envs/dev/d/components-values.yaml",
            values("    protocol: SSL\n    ssl:\n      client:\n"
                   "        endpointIdentificationAlgorithm: none\n"));
  auto findings = repo.lint("SL103");
  REQUIRE(findings.size() == 2);
  bool sasl_ssl = false, none = false;
  for (const auto& f : findings) {
    sasl_ssl = sasl_ssl || f.message.rfind("protocol SASL_SSL uses TLS", 0) == 0;
    none = none || (f.message.rfind("protocol SSL uses TLS", 0) == 0 &&
                    f.message.find("is 'none'") != std::string::npos);
  }
  CHECK(sasl_ssl);
  CHECK(none);
}

TEST_CASE("SL105 names the ignored secret and the protocol", "[rules]") {
  Repo repo;
  repo.file("envs/dev/components-values.yaml",
            values("    sasl:\n      client:\n        secret: kafka-sasl\n"));
  auto findings = repo.lint("SL105");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "security.kafka.sasl.client.secret is 'kafka-sasl' but protocol PLAINTEXT (chart "
        "default) does not use the SASL credentials: nothing is protected by it; set "
        "security.kafka.protocol to SASL_SSL or remove it");
}

TEST_CASE("SL201 checks only mechanisms a layer sets", "[rules]") {
  Repo repo;
  repo.file("envs/dev/a/components-values.yaml",
            values("    protocol: PLAINTEXT\n    sasl:\n      mechanism: SCRAM-SHA512\n"));
  repo.file("envs/dev/b/components-values.yaml", values("    protocol: PLAINTEXT\n"));
  repo.file("envs/dev/c/components-values.yaml",
            values("    sasl:\n      mechanism:\n        name: PLAIN\n"));
  auto findings = repo.lint("SL201");
  REQUIRE(findings.size() == 2);
  bool typo = false, map = false;
  for (const auto& f : findings) {
    typo = typo || f.message ==
                       "security.kafka.sasl.mechanism is 'SCRAM-SHA512', not one of PLAIN, "
                       "SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER (case-sensitive); did you mean "
                       "'SCRAM-SHA-512'?";
    map = map || f.message.find("is a map") != std::string::npos;
  }
  CHECK(typo);
  CHECK(map);
}

TEST_CASE("SL202 and SL203 wording", "[rules]") {
  Repo repo;
  repo.file("envs/dev/components-values.yaml",
            values("    protocol: SASL_SSL\n    sasl:\n      client:\n"
                   "        passwordPath: /tmp/sasl/kafka/client/password\n"));
  auto sl202 = repo.lint("SL202");
  REQUIRE(sl202.size() == 1);
  CHECK(sl202[0].message ==
        "protocol is SASL_SSL but security.kafka.sasl.client.secret is not set: the components "
        "have no credentials to log in with; set it to the name of the secret holding the SASL "
        "password under the key 'password'");
  auto sl203 = repo.lint("SL203");
  REQUIRE(sl203.size() == 1);
  CHECK(sl203[0].message ==
        "security.kafka.sasl.client.passwordPath is the path "
        "'/tmp/sasl/kafka/client/password', not a secret key name; set it to the bare key "
        "'password'");
}

TEST_CASE("SL104 suggests the CA-like key that exists and never prints values", "[rules]") {
  Repo repo;
  repo.file("envs/dev/components-values.yaml",
            values("    protocol: SSL\n    ssl:\n      client:\n"
                   "        brokerValidationSecret: kafka-broker-ca\n"));
  repo.file("envs/dev/kafka-broker-ca.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: kafka-broker-ca\n"
            "  namespace: seldon-mesh\nstringData:\n  ca.pem: not-a-real-certificate\n");
  auto findings = repo.lint("SL104");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "broker CA secret 'kafka-broker-ca' (Secret in namespace seldon-mesh) has no key "
        "'ca.crt', which security.kafka.ssl.client.brokerCaPath (chart default "
        "'/tmp/certs/kafka/broker/ca.crt') expects; it has keys ca.pem; rename the key to "
        "'ca.crt' or set brokerCaPath to '/tmp/certs/kafka/broker/ca.pem'");
  CHECK(findings[0].message.find("not-a-real-certificate") == std::string::npos);
  REQUIRE(findings[0].related.size() == 1);
  CHECK(findings[0].location.range.begin.line == 8);
}

TEST_CASE("SL208 only for production SSL without a client certificate", "[rules]") {
  Repo repo;
  repo.file("clusters/prod/a/components-values.yaml", values("    protocol: SSL\n"));
  repo.file("clusters/prod/b/components-values.yaml",
            values("    protocol: SSL\n    ssl:\n      client:\n        secret: seldon-tls\n"));
  repo.file("clusters/staging/components-values.yaml", values("    protocol: SSL\n"));
  auto findings = repo.lint("SL208");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].environment == "production");
  CHECK(findings[0].message.find("security.kafka.ssl.client.secret is not set") !=
        std::string::npos);
}
