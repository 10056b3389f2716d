// The Broker the model reads once per release from kafka.bootstrap
// (linter/model/broker.cpp): entries, provider, ports, Event Hubs namespaces.
#include <catch2/catch.hpp>

#include <string>

#include "linter/model/facts/providers.hpp"
#include "tests/test_repo.hpp"

using namespace seldon_lint;
using seldon_lint::testing::TestRepo;

namespace {

// The broker of the only release of a repository whose values set `bootstrap`
// (a YAML scalar or flow value, written as is).
Broker broker_of(const std::string& bootstrap) {
  TestRepo repo;
  repo.file("components-values.yaml", "kafka:\n  bootstrap: " + bootstrap + "\n");
  LintOptions options;
  options.root = repo.root().string();
  options.paths = {repo.root().string()};
  LintResult result = lint(options);
  REQUIRE(result.model->releases.size() == 1);
  return result.model->releases.front().broker;
}

}  // namespace

TEST_CASE("broker: Event Hubs hosts, provider and common port", "[broker]") {
  Broker broker = broker_of("Seldon-Prod.servicebus.windows.net:9093");
  CHECK(broker.form == Broker::Form::Scalar);
  CHECK(broker.is("eventhubs"));
  CHECK_FALSE(broker.is("msk"));
  REQUIRE(broker.common_port);
  CHECK(*broker.common_port == 9093);
  REQUIRE(broker.eventhub_namespaces.size() == 1);
  CHECK(broker.eventhub_namespaces.front() == "seldon-prod");
  CHECK(broker.location.known());
  CHECK(broker.host_count() == 1);
}

TEST_CASE("broker: every entry kept in order, stray commas included", "[broker]") {
  Broker broker = broker_of(
      "\"b-2.x.kafka.eu-west-1.amazonaws.com:9096, ,b-1.x.kafka.eu-west-1.amazonaws.com:9094\"");
  REQUIRE(broker.entries.size() == 3);
  CHECK(broker.entries[0].host == "b-2.x.kafka.eu-west-1.amazonaws.com");
  CHECK(broker.entries[1].text.empty());
  CHECK(*broker.entries[2].port == 9094);
  CHECK(broker.host_count() == 2);
  CHECK(broker.is("msk"));
  CHECK_FALSE(broker.common_port);  // 9096 and 9094
  // The same brokers in another order and case compare equal.
  CHECK(broker.identity ==
        broker_of(
            "\"B-1.x.kafka.eu-west-1.amazonaws.com:9094,b-2.x.kafka.eu-west-1.amazonaws.com:9096\"")
            .identity);
}

TEST_CASE("broker: mixed providers, placeholders, bad ports, other shapes", "[broker]") {
  CHECK(broker_of("\"a.servicebus.windows.net:9093,pkc-1.confluent.cloud:9092\"").provider ==
        nullptr);
  CHECK(broker_of("${KAFKA_BOOTSTRAP}").placeholder);
  CHECK(broker_of("<kafka-bootstrap>").placeholder);
  Broker bad_port = broker_of("kafka.internal:abc");
  REQUIRE(bad_port.entries.size() == 1);
  CHECK_FALSE(bad_port.entries[0].port_valid);
  Broker no_port = broker_of("kafka.internal");
  CHECK_FALSE(no_port.entries[0].port);
  CHECK(no_port.entries[0].port_valid);
  Broker v6 = broker_of("\"[fe80::1]:9093\"");
  CHECK(v6.entries[0].host == "[fe80::1]");
  CHECK(*v6.entries[0].port == 9093);
  Broker structured = broker_of("[a:9092, b:9092]");
  CHECK(structured.form == Broker::Form::Structured);
  CHECK(structured.text.empty());
  CHECK(structured.entries.empty());
  Broker deleted = broker_of("null");
  CHECK(deleted.form == Broker::Form::Absent);
}

TEST_CASE("broker: the chart default is the in-cluster Strimzi bootstrap", "[broker]") {
  TestRepo repo;
  repo.file("components-values.yaml", "kafka:\n  topicPrefix: seldon\n");
  LintOptions options;
  options.root = repo.root().string();
  options.paths = {repo.root().string()};
  LintResult result = lint(options);
  REQUIRE(result.model->releases.size() == 1);
  const Broker& broker = result.model->releases.front().broker;
  CHECK(broker.text == "seldon-kafka-bootstrap.seldon-mesh:9092");
  CHECK(broker.is("strimzi"));
}
