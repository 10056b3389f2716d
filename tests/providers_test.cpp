// The managed-Kafka provider table: recognising brokers, listener facts.
#include <catch2/catch.hpp>

#include "linter/model/facts/providers.hpp"

using namespace seldon_lint::providers;

TEST_CASE("providers are recognised by bootstrap host", "[providers]") {
  auto id = [](std::string_view bootstrap) -> std::string {
    const Provider* p = provider_for_bootstrap(bootstrap);
    return p == nullptr ? std::string("none") : std::string(p->id);
  };
  CHECK(id("seldon-prod.servicebus.windows.net:9093") == "eventhubs");
  CHECK(id("Seldon-Prod.ServiceBus.Windows.NET:9093") == "eventhubs");
  CHECK(id("pkc-12576z.us-west2.gcp.confluent.cloud:9092") == "confluent-cloud");
  CHECK(id("b-1.msk.abc123.c2.kafka.eu-west-1.amazonaws.com:9096,"
           "b-2.msk.abc123.c2.kafka.eu-west-1.amazonaws.com:9096") == "msk");
  CHECK(id("seldon-kafka-bootstrap.seldon-mesh:9092") == "strimzi");
  CHECK(id("my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093") == "strimzi");
  // Host without a port is still recognised.
  CHECK(id("seldon-prod.servicebus.windows.net") == "eventhubs");
  // Every host must agree.
  CHECK(id("seldon-prod.servicebus.windows.net:9093,kafka.example.com:9093") == "none");
  CHECK(id("kafka.example.com:9093") == "none");
  CHECK(id("") == "none");
  CHECK(id("${KAFKA_BOOTSTRAP}") == "none");
  // Look-alikes do not count.
  CHECK(id("servicebus.windows.net.evil.example:9093") == "none");
  CHECK(id("kafka.us-east-1.amazonaws.com.example.org:9096") == "none");
}

TEST_CASE("bootstrap lists are split into host and port", "[providers]") {
  auto brokers = parse_bootstrap(" a.example.com:9093 , b.example.com ,, [::1]:9092, c:abc");
  REQUIRE(brokers.size() == 4);
  CHECK(brokers[0].host == "a.example.com");
  CHECK(brokers[0].port == 9093);
  CHECK(brokers[1].host == "b.example.com");
  CHECK_FALSE(brokers[1].port.has_value());
  CHECK(brokers[2].host == "[::1]");
  CHECK(brokers[2].port == 9092);
  CHECK(brokers[3].host == "c");
  CHECK_FALSE(brokers[3].port_valid);
  CHECK(common_port("a:9096,b:9096") == 9096);
  CHECK_FALSE(common_port("a:9096,b:9094").has_value());
  CHECK_FALSE(common_port("a:9096,b").has_value());
}

TEST_CASE("provider listeners say which security they offer", "[providers]") {
  const Provider* eventhubs = provider_for_host("ns.servicebus.windows.net");
  REQUIRE(eventhubs != nullptr);
  CHECK(eventhubs->required_username == "$ConnectionString");
  CHECK(eventhubs->offers("SASL_SSL", "PLAIN"));
  CHECK_FALSE(eventhubs->offers("SASL_SSL", "SCRAM-SHA-512"));
  CHECK_FALSE(eventhubs->offers("SSL", ""));
  REQUIRE(eventhubs->listener(9093) != nullptr);
  CHECK(eventhubs->listener(9092) == nullptr);

  const Provider* confluent = provider_for_host("x.confluent.cloud");
  REQUIRE(confluent != nullptr);
  CHECK(confluent->offers("SASL_SSL", "OAUTHBEARER"));
  CHECK(confluent->replication == Replication::Exactly);
  CHECK(confluent->replication_factor == 3);

  const Provider* msk = provider_for_host("b-1.x.c2.kafka.us-east-1.amazonaws.com");
  REQUIRE(msk != nullptr);
  CHECK(msk->offers("SASL_SSL", "SCRAM-SHA-512", 9096));
  CHECK_FALSE(msk->offers("SSL", "", 9096));
  CHECK(msk->offers("SSL", "", 9094));
  CHECK_FALSE(msk->offers("SASL_SSL", "SCRAM-SHA-512", 9094));
  CHECK_FALSE(msk->offers("SASL_SSL", "SCRAM-SHA-512", 9098));  // IAM: not for Seldon
  CHECK(msk->offers("SSL", ""));                                // port unknown: any listener
  CHECK(msk->describe_auth(9096) == "SASL_SSL + SCRAM-SHA-512 (port 9096)");

  const Provider* strimzi = provider_for_host("seldon-kafka-bootstrap.kafka");
  REQUIRE(strimzi != nullptr);
  CHECK(strimzi->any_auth);
  CHECK_FALSE(strimzi->fixed_ports);
  CHECK(strimzi->offers("PLAINTEXT", ""));
}
