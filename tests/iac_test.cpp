// The Terraform, Bicep and ARM readers of Event Hubs namespaces: literals,
// computed values left unknown, exact locations, and broken input.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "linter/parse/iac.hpp"
#include "linter/base/text.hpp"

using namespace seldon_lint;

namespace {

std::vector<EventHubNamespace> read(FileKind kind, std::string text) {
  SourceFile file;
  file.path = "infra/x";
  file.environment = "production";
  file.kind = kind;
  file.text = std::move(text);
  file.line_starts = compute_line_starts(file.text);
  std::vector<EventHubNamespace> out;
  read_iac_eventhub_namespaces(file, 7, out);
  return out;
}

}  // namespace

TEST_CASE("Terraform: literals, variables and defaults", "[iac]") {
  auto out = read(FileKind::Terraform, R"(
resource "azurerm_eventhub_namespace" "a" {
  name     = "seldon-prod"
  sku      = "Basic"
  capacity = 2
}
resource "azurerm_eventhub_namespace" "b" {
  name                         = "${var.prefix}-ehns"
  sku                          = var.sku
  capacity                     = var.capacity
  local_authentication_enabled = false
}
data "azurerm_eventhub_namespace" "existing" {
  name = "other"
}
)");
  REQUIRE(out.size() == 2);
  CHECK(out[0].name == "seldon-prod");
  CHECK(out[0].form == "Terraform");
  CHECK(out[0].sku == "Basic");
  CHECK(out[0].sku_location.file == 7);
  CHECK(out[0].sku_location.range.begin.line == 4);
  CHECK(out[0].sku_location.range.begin.column == 14);
  CHECK(out[0].capacity == 2);
  CHECK(out[0].local_auth_disabled == Tri::No);  // provider default: enabled
  CHECK_FALSE(out[0].local_auth_location.known());
  CHECK(out[1].name.empty());
  CHECK(out[1].sku.empty());
  CHECK(out[1].sku_location.known());
  CHECK(out[1].capacity == 0);
  CHECK(out[1].capacity_location.known());
  CHECK(out[1].local_auth_disabled == Tri::Yes);
  CHECK(out[1].local_auth_location.range.begin.line == 11);
}

TEST_CASE("Bicep: parameters with literal defaults resolve; existing is skipped", "[iac]") {
  auto out = read(FileKind::Bicep, R"(param skuName string = 'Premium'
param name string
resource ns 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  sku: {
    name: skuName
    capacity: 4
  }
  properties: {
    disableLocalAuth: true
  }
}
resource old 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: 'old'
}
resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  name: 'x'
}
resource cond 'Microsoft.EventHub/namespaces@2024-01-01' = if (deploy) {
  name: 'cond-${suffix}'
  sku: { name: 'Standard' }
}
)");
  REQUIRE(out.size() == 2);
  CHECK(out[0].name.empty());
  CHECK(out[0].sku == "Premium");
  CHECK(out[0].sku_location.range.begin.line == 6);
  CHECK(out[0].capacity == 4);
  CHECK(out[0].local_auth_disabled == Tri::Yes);
  CHECK(out[1].sku == "Standard");
  CHECK(out[1].name.empty());
}

TEST_CASE("ARM: parameters, variables, symbolic resources and nested templates", "[iac]") {
  auto out = read(FileKind::ArmJson, R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "parameters": {"sku": {"type": "string", "defaultValue": "Standard"}},
  "variables": {"nsName": "seldon-prod"},
  "resources": {
    "ns": {
      "type": "Microsoft.EventHub/namespaces",
      "name": "[variables('nsName')]",
      "sku": {"name": "[parameters('sku')]", "capacity": "[parameters('cap')]"},
      "properties": {"disableLocalAuth": false}
    },
    "existingNs": {"type": "Microsoft.EventHub/namespaces", "existing": true, "name": "x"},
    "nested": {
      "type": "Microsoft.Resources/deployments",
      "properties": {
        "parameters": {"tier": {"value": "Basic"}},
        "template": {
          "parameters": {"tier": {"type": "string", "defaultValue": "Premium"}},
          "resources": [
            {"type": "microsoft.eventhub/namespaces", "name": "[concat('a', 'b')]",
             "sku": {"name": "[parameters('tier')]"}}
          ]
        }
      }
    }
  }
})");
  REQUIRE(out.size() == 2);
  CHECK(out[0].form == "ARM");
  CHECK(out[0].name == "seldon-prod");
  CHECK(out[0].sku == "Standard");
  CHECK(out[0].sku_location.range.begin.line == 10);
  CHECK(out[0].capacity == 0);
  CHECK(out[0].capacity_location.known());
  CHECK(out[0].local_auth_disabled == Tri::No);
  CHECK(out[0].local_auth_location.known());
  CHECK(out[1].name.empty());
  CHECK(out[1].sku == "Basic");  // passed in by the parent deployment
}

TEST_CASE("IaC readers survive broken input", "[iac]") {
  CHECK(read(FileKind::ArmJson, R"({"resources": [{"type": "Microsoft.EventHub/namespaces", )")
            .empty());
  CHECK(read(FileKind::ArmJson, std::string(5000, '[') + "\"Microsoft.EventHub/namespaces\"")
            .empty());
  CHECK(read(FileKind::ArmJson, "\"Microsoft.EventHub/namespaces\\u12").empty());
  auto tf = read(FileKind::Terraform,
                 "resource \"azurerm_eventhub_namespace\" \"a\" {\n  sku = \"Basic\"\n  name = \n");
  for (const auto& ns : tf) CHECK(ns.form == "Terraform");
  auto bicep = read(FileKind::Bicep,
                    "resource a 'Microsoft.EventHub/namespaces@2024-01-01' = {\n  sku: {\n");
  for (const auto& ns : bicep) CHECK(ns.form == "Bicep");
  CHECK(read(FileKind::Terraform, "").empty());
  CHECK(read(FileKind::Bicep, "Microsoft.EventHub/namespaces").empty());
}

TEST_CASE("A namespace in a Dedicated cluster has the Dedicated tier", "[iac]") {
  auto tf = read(FileKind::Terraform, R"(
resource "azurerm_eventhub_namespace" "a" {
  name                 = "seldon-prod"
  sku                  = "Standard"
  capacity             = 1
  dedicated_cluster_id = azurerm_eventhub_cluster.mlops.id
}
)");
  REQUIRE(tf.size() == 1);
  CHECK(tf[0].sku == "Dedicated");
  CHECK(tf[0].sku_location.range.begin.line == 6);
  CHECK(tf[0].capacity == 0);
  CHECK_FALSE(tf[0].capacity_location.known());  // the cluster's units: default 1
  auto bicep = read(FileKind::Bicep, R"(
resource ns 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'seldon-prod'
  location: 'westeurope'
  sku: {
    name: 'Standard'
    capacity: 1
  }
  properties: {
    clusterArmId: cluster.id
  }
}
)");
  REQUIRE(bicep.size() == 1);
  CHECK(bicep[0].sku == "Dedicated");
  auto arm = read(FileKind::ArmJson, R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [{
    "type": "Microsoft.EventHub/namespaces",
    "apiVersion": "2024-01-01",
    "name": "seldon-prod",
    "sku": {"name": "Standard", "capacity": 1},
    "properties": {"clusterArmId": "[resourceId('Microsoft.EventHub/clusters', 'mlops')]"}
  }]
})");
  REQUIRE(arm.size() == 1);
  CHECK(arm[0].sku == "Dedicated");
}
