#include "linter/model/broker.hpp"

#include <algorithm>

#include "linter/base/text.hpp"
#include "linter/model/facts/providers.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kEventHubsHostSuffix = ".servicebus.windows.net";

// "seldon-prod" for "seldon-prod.servicebus.windows.net"; empty otherwise.
std::string eventhub_namespace_of(std::string_view host) {
  std::string h = to_lower(trim(host));
  if (!h.ends_with(kEventHubsHostSuffix) || h.size() == kEventHubsHostSuffix.size()) return {};
  return h.substr(0, h.size() - kEventHubsHostSuffix.size());
}

BrokerEntry read_entry(std::string_view raw) {
  BrokerEntry entry;
  entry.text = std::string(trim(raw));
  if (entry.text.empty()) return entry;
  // A non-empty entry parses to exactly one address.
  providers::BrokerAddress address = providers::parse_bootstrap(entry.text).front();
  entry.host = std::string(address.host);
  entry.port = address.port;
  entry.port_valid = address.port_valid;
  return entry;
}

std::string identity_of(const std::vector<BrokerEntry>& entries) {
  std::vector<std::string> hosts;
  for (const auto& entry : entries) {
    if (!entry.text.empty()) hosts.push_back(to_lower(entry.text));
  }
  std::sort(hosts.begin(), hosts.end());
  std::string out;
  for (const auto& h : hosts) out += h + ",";
  return out;
}

}  // namespace

size_t Broker::host_count() const {
  return static_cast<size_t>(std::count_if(entries.begin(), entries.end(),
                                           [](const BrokerEntry& e) { return !e.text.empty(); }));
}

bool Broker::is(std::string_view provider_id) const {
  return provider != nullptr && provider->id == provider_id;
}

Broker read_broker(const Release& release) {
  Broker broker;
  broker.location = release.locate(kBootstrapPath);
  const yaml::Node* node = release.value(kBootstrapPath);
  if (node == nullptr || node->is_null()) return broker;
  if (!node->is_scalar()) {
    broker.form = Broker::Form::Structured;
    return broker;
  }
  broker.form = Broker::Form::Scalar;
  broker.text = node->scalar;
  broker.placeholder = broker.text.find_first_of("${}<>") != std::string::npos;
  for (auto part : split(broker.text, ',')) broker.entries.push_back(read_entry(part));
  broker.provider = providers::provider_for_bootstrap(broker.text);
  broker.common_port = providers::common_port(broker.text);
  for (const auto& entry : broker.entries) {
    std::string ns = entry.text.empty() ? std::string() : eventhub_namespace_of(entry.host);
    if (!ns.empty()) broker.eventhub_namespaces.push_back(std::move(ns));
  }
  broker.identity = identity_of(broker.entries);
  return broker;
}

}  // namespace seldon_lint
