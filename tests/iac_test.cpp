// The Terraform, Bicep and ARM readers of Event Hubs namespaces: literals,
// computed values left unknown, exact locations, and broken input.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/input/environment.hpp"
#include "linter/model/iac/iac_deployments.hpp"
#include "linter/parse/iac.hpp"

using namespace seldon_lint;

namespace {

FileKind kind_of(const std::string& path) {
  if (ends_with(path, ".tf") || ends_with(path, ".tfvars") || ends_with(path, ".tfvars.json")) {
    return FileKind::Terraform;
  }
  if (ends_with(path, ".bicep") || ends_with(path, ".bicepparam")) return FileKind::Bicep;
  if (ends_with(path, ".json")) return FileKind::ArmJson;
  return FileKind::Yaml;
}

// A repository of IaC files (path → text) as the loader would present it,
// and the namespaces its deployments create.
struct IacRepo {
  Model model;

  IacRepo& add(const std::string& path, std::string text) {
    SourceFile file;
    file.path = path;
    file.environment = classify_environment(path, EnvironmentRules{});
    file.kind = kind_of(path);
    file.text = std::move(text);
    file.line_starts = compute_line_starts(file.text);
    model.files.push_back(std::move(file));
    return *this;
  }
  std::vector<EventHubNamespace> namespaces() {
    add_iac_eventhub_namespaces(model);
    return model.eventhub_namespaces;
  }
  std::string path_of(const Location& location) const {
    return location.known() ? model.files[location.file].path : std::string();
  }
};

// One file, deployed alone with its defaults (as before deployments existed).
std::vector<EventHubNamespace> read(FileKind kind, std::string text) {
  const char* path = kind == FileKind::Terraform ? "infra/prod/main.tf"
                     : kind == FileKind::Bicep   ? "infra/prod/main.bicep"
                                                 : "infra/prod/azuredeploy.json";
  IacRepo repo;
  repo.add(path, std::move(text));
  return repo.namespaces();
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
  CHECK(out[0].sku_location.file == 0);
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

TEST_CASE("Bicep: parameters with literal defaults resolve, existing is skipped", "[iac]") {
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
param deploy bool = true
resource maybe 'Microsoft.EventHub/namespaces@2024-01-01' = if (unknownFlag) {
  name: 'maybe'
  sku: { name: 'Basic' }
}
)");
  REQUIRE(out.size() == 2);  // `maybe` may not be deployed: nothing is said about it
  CHECK(out[0].name.empty());
  CHECK(out[0].sku == "Premium");
  CHECK(out[0].sku_location.range.begin.line == 1);  // the default decides it
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

// ---- deployments: variables, var files, modules ------------------------------

namespace {

const EventHubNamespace* in_environment(const std::vector<EventHubNamespace>& all,
                                        const std::string& environment) {
  for (const auto& ns : all) {
    if (ns.environment == environment) return &ns;
  }
  return nullptr;
}

constexpr const char* kTerraformRoot = R"(
variable "environment" {}
variable "sku" {
  type    = string
  default = "Standard"
}
variable "capacity" {
  default = 1
}
locals {
  name = "seldon-${var.environment}-ehns"
}
resource "azurerm_eventhub_namespace" "seldon" {
  name     = local.name
  sku      = var.sku
  capacity = var.capacity
}
)";

}  // namespace

TEST_CASE("Terraform: one deployment per environment var file, values from the winning layer",
          "[iac]") {
  IacRepo repo;
  repo.add("infra/main.tf", kTerraformRoot)
      .add("infra/terraform.tfvars", "capacity = 2\n")
      .add("infra/b.auto.tfvars", "capacity = 4\n")
      .add("infra/a.auto.tfvars", "capacity = 3\n")
      .add("infra/environments/prod.tfvars", "environment = \"prod\"\nsku = \"Basic\"\n")
      .add("infra/environments/dev.tfvars", "environment = \"dev\"\n");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 2);
  const EventHubNamespace* prod = in_environment(all, "production");
  const EventHubNamespace* dev = in_environment(all, "dev");
  REQUIRE(prod != nullptr);
  REQUIRE(dev != nullptr);
  CHECK(prod->name == "seldon-prod-ehns");
  CHECK(prod->sku == "Basic");
  CHECK(repo.path_of(prod->sku_location) == "infra/environments/prod.tfvars");
  CHECK(prod->sku_location.range.begin.line == 2);
  // terraform.tfvars, then *.auto.tfvars in lexical order: b.auto.tfvars wins.
  CHECK(prod->capacity == 4);
  CHECK(repo.path_of(prod->capacity_location) == "infra/b.auto.tfvars");
  CHECK(dev->name == "seldon-dev-ehns");
  CHECK(dev->sku == "Standard");  // the variable's default
  CHECK(repo.path_of(dev->sku_location) == "infra/main.tf");
  CHECK(dev->sku_location.range.begin.line == 5);
}

TEST_CASE("Terraform: a variable nobody sets is unknown, a broken var file is SL001", "[iac]") {
  IacRepo repo;
  repo.add("infra/prod/main.tf", R"(
variable "sku" {}
resource "azurerm_eventhub_namespace" "seldon" {
  name = "seldon-prod"
  sku  = var.sku
}
)");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 1);
  CHECK(all[0].sku.empty());
  CHECK(all[0].sku_location.known());

  IacRepo broken;
  broken.add("infra/prod/main.tf", kTerraformRoot)
      .add("infra/prod/terraform.tfvars", "sku = \"Standard\"\ncapacity = = 2\n");
  auto out = broken.namespaces();
  REQUIRE(out.size() == 1);
  CHECK(out[0].sku.empty());  // the file could not be read: nothing it sets is known
  CHECK(out[0].capacity == 0);
  REQUIRE(broken.model.problems.size() == 1);
  CHECK(broken.model.problems[0].rule_id == "SL001");
  CHECK(broken.path_of(broken.model.problems[0].location) == "infra/prod/terraform.tfvars");
  CHECK(broken.model.problems[0].location.range.begin.line == 2);
}

TEST_CASE("Terraform: a syntax error in a deployed module is SL001 and its block is not judged",
          "[iac]") {
  IacRepo repo;
  repo.add("infra/prod/main.tf", R"(
module "eventhub" {
  source = "Azure/avm-res-eventhub-namespace/azurerm"
  name   = "seldon-prod"
  local_authentication_enabled = true +
}
resource "azurerm_eventhub_namespace" "ok" {
  name = "seldon-prod-2"
  sku  = "Basic"
}
)")
      .add("unrelated/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 1);  // not the module call: its local auth could be anything
  CHECK(all[0].name == "seldon-prod-2");
  REQUIRE(repo.model.problems.size() == 1);  // the unrelated folder is not a deployment
  CHECK(repo.model.problems[0].rule_id == "SL001");
  CHECK(repo.path_of(repo.model.problems[0].location) == "infra/prod/main.tf");
}

TEST_CASE("Terraform: local modules take their inputs, a module's default points at the call",
          "[iac]") {
  IacRepo repo;
  repo.add("modules/eventhub/main.tf", R"(
variable "name" {}
variable "sku" {
  default = "Basic"
}
variable "local_auth" {
  default = true
}
resource "azurerm_eventhub_namespace" "this" {
  name                         = var.name
  sku                          = var.sku
  local_authentication_enabled = var.local_auth
}
)")
      .add("envs/prod/main.tf", R"(
module "eventhub" {
  source     = "../../modules/eventhub"
  name       = "seldon-prod"
  local_auth = false
}
)")
      .add("envs/staging/main.tf", R"(
module "eventhub" {
  source = "../../modules/eventhub"
  name   = "seldon-staging"
  sku    = var.sku
}
variable "sku" {}
)")
      .add("envs/staging/terraform.tfvars", "sku = \"Premium\"\n");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 2);  // the module folder itself is not a deployment
  const EventHubNamespace* prod = in_environment(all, "production");
  const EventHubNamespace* staging = in_environment(all, "staging");
  REQUIRE(prod != nullptr);
  REQUIRE(staging != nullptr);
  CHECK(prod->name == "seldon-prod");
  CHECK(prod->sku == "Basic");
  CHECK(repo.path_of(prod->sku_location) == "envs/prod/main.tf");  // the module call
  CHECK(prod->sku_location.range.begin.line == 2);
  CHECK(prod->local_auth_disabled == Tri::Yes);
  CHECK(prod->local_auth_location.range.begin.line == 5);  // the module input
  CHECK(repo.path_of(prod->location) == "modules/eventhub/main.tf");
  CHECK(staging->sku == "Premium");
  CHECK(repo.path_of(staging->sku_location) == "envs/staging/terraform.tfvars");
}

TEST_CASE("Terraform: the Azure Verified Module for Event Hubs namespaces", "[iac]") {
  IacRepo repo;
  repo.add("infra/prod/main.tf", R"(
module "event_hub" {
  source  = "Azure/avm-res-eventhub-namespace/azurerm"
  version = "0.1.0"
  name    = "seldon-prod"
}
module "explicit" {
  source                       = "Azure/avm-res-eventhub-namespace/azurerm"
  name                         = "seldon-prod-2"
  sku                          = var.sku
  local_authentication_enabled = true
}
module "existing" {
  source                   = "Azure/avm-res-eventhub-namespace/azurerm"
  name                     = "x"
  existing_parent_resource = { name = "seldon-old" }
}
module "off" {
  source = "Azure/avm-res-eventhub-namespace/azurerm"
  count  = var.enabled ? 1 : 0
  name   = "seldon-off"
}
variable "sku" {
  default = "Premium"
}
variable "enabled" {
  default = false
}
)");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 2);
  CHECK(all[0].name == "seldon-prod");
  CHECK(all[0].sku == "Standard");
  CHECK(all[0].capacity == 1);
  CHECK(all[0].local_auth_disabled == Tri::Yes);  // the module disables it by default
  CHECK(all[0].local_auth_location.range.begin.line == 2);
  CHECK(all[0].sku_location.range.begin.line == 2);
  CHECK(all[1].name == "seldon-prod-2");
  CHECK(all[1].sku == "Premium");
  CHECK(all[1].sku_location.range.begin.line == 24);  // the root variable's default
  CHECK(all[1].local_auth_disabled == Tri::No);
}

TEST_CASE("Terraform: module cycles and self-referencing locals end", "[iac]") {
  IacRepo repo;
  repo.add("a/main.tf", R"(
module "b" {
  source = "../b"
}
locals {
  x = local.y
  y = local.x
}
resource "azurerm_eventhub_namespace" "a" {
  name = local.x
  sku  = "Standard"
}
)")
      .add("b/main.tf", "module \"a\" {\n  source = \"../a\"\n}\n");
  auto all = repo.namespaces();
  // a and b call each other and neither has var files: both are called, so
  // neither is a root, yet the cycle is deployed once from a (the first
  // folder) so that the call closing it is SL002 instead of nothing.
  REQUIRE(all.size() == 1);
  CHECK(all[0].name.empty());
  REQUIRE(repo.model.problems.size() == 1);
  CHECK(repo.model.problems[0].rule_id == "SL002");
  CHECK(repo.path_of(repo.model.problems[0].location) == "b/main.tf");
  CHECK(repo.model.problems[0].message == "module call closes a cycle (a -> b -> a): not followed");
  IacRepo root;
  root.add("a/main.tf", R"(
module "b" {
  source = "../b"
}
locals {
  x = local.y
  y = local.x
}
resource "azurerm_eventhub_namespace" "a" {
  name = local.x
  sku  = "Standard"
}
)")
      .add("a/terraform.tfvars", "")
      .add("b/main.tf", "module \"a\" {\n  source = \"../a\"\n}\n");
  auto deployed = root.namespaces();
  REQUIRE(deployed.size() == 1);
  CHECK(deployed[0].name.empty());
  CHECK(deployed[0].sku == "Standard");
}

TEST_CASE("Bicep: .bicepparam files per environment, local modules, the AVM registry module",
          "[iac]") {
  IacRepo repo;
  repo.add("infra/main.bicep", R"(
param environment string
param skuName string = 'Standard'
param disableLocalAuth bool = false
module ns './modules/namespace.bicep' = {
  name: 'ns'
  params: {
    name: 'seldon-${environment}'
    sku: skuName
  }
}
module avm 'br/public:avm/res/event-hub/namespace:0.7.0' = {
  name: 'avm'
  params: {
    name: 'seldon-${environment}-avm'
    skuName: skuName
    disableLocalAuth: disableLocalAuth
  }
}
module avmDefault 'br/public:avm/res/event-hub/namespace:0.7.0' = if (environment == 'prod') {
  name: 'avm-default'
  params: {
    name: 'seldon-${environment}-default'
  }
}
)")
      .add("infra/modules/namespace.bicep", R"(
param name string
param sku string = 'Basic'
resource ns 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  sku: {
    name: sku
  }
}
)")
      .add("infra/main.prod.bicepparam", R"(using './main.bicep'
var env = 'prod'
param environment = env
param skuName = 'Premium'
)")
      .add("infra/main.dev.bicepparam", R"(using 'main.bicep'
param environment = 'dev'
param skuName = readEnvironmentVariable('SKU', 'Basic')
)");
  auto all = repo.namespaces();
  std::vector<const EventHubNamespace*> prod, dev;
  for (const auto& ns : all) (ns.environment == "production" ? prod : dev).push_back(&ns);
  REQUIRE(prod.size() == 3);
  REQUIRE(dev.size() == 2);  // the condition is false in dev
  CHECK(prod[0]->name == "seldon-prod");
  CHECK(prod[0]->sku == "Premium");
  CHECK(repo.path_of(prod[0]->sku_location) == "infra/main.prod.bicepparam");
  CHECK(prod[0]->sku_location.range.begin.line == 4);
  CHECK(prod[1]->name == "seldon-prod-avm");
  CHECK(prod[1]->local_auth_disabled == Tri::No);
  CHECK(prod[2]->name == "seldon-prod-default");
  CHECK(prod[2]->sku == "Standard");
  CHECK(prod[2]->local_auth_disabled == Tri::Yes);
  CHECK(repo.path_of(prod[2]->local_auth_location) == "infra/main.bicep");
  CHECK(prod[2]->local_auth_location.range.begin.line == 20);
  CHECK(dev[0]->environment == "dev");
  CHECK(dev[0]->sku.empty());  // read from the environment at deploy time
}

TEST_CASE("ARM: parameter files belong to the template beside them", "[iac]") {
  const char* tmpl = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {
    "name": {"type": "string"},
    "sku": {"type": "string", "defaultValue": "Basic"}
  },
  "resources": [{
    "type": "Microsoft.EventHub/namespaces",
    "name": "[parameters('name')]",
    "sku": {"name": "[parameters('sku')]"}
  }]
})";
  IacRepo repo;
  repo.add("arm/azuredeploy.json", tmpl)
      .add("arm/azuredeploy.parameters.prod.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {
    "name": {"value": "seldon-prod"},
    "sku": {"value": "Standard"}
  }
})")
      .add("arm/azuredeploy.parameters.dev.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {
    "name": {"value": "seldon-dev"},
    "sku": {"reference": {"keyVault": {"id": "x"}, "secretName": "sku"}}
  }
})");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 2);  // not a third deployment with the template's defaults
  const EventHubNamespace* prod = in_environment(all, "production");
  const EventHubNamespace* dev = in_environment(all, "dev");
  REQUIRE(prod != nullptr);
  REQUIRE(dev != nullptr);
  CHECK(prod->name == "seldon-prod");
  CHECK(prod->sku == "Standard");
  CHECK(repo.path_of(prod->sku_location) == "arm/azuredeploy.parameters.prod.json");
  CHECK(prod->sku_location.range.begin.line == 5);
  CHECK(dev->sku.empty());  // a Key Vault reference

  IacRepo lone;  // "the one template in its folder"
  lone.add("deploy/prod/eventhub.json", tmpl).add("deploy/prod/parameters.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentParameters.json#",
  "parameters": {"name": {"value": "seldon-prod"}}
})");
  auto one = lone.namespaces();
  REQUIRE(one.size() == 1);
  CHECK(one[0].sku == "Basic");
  CHECK(lone.path_of(one[0].sku_location) == "deploy/prod/eventhub.json");
}

TEST_CASE("IaC expressions: conditionals, comparisons, lookups, unknown operands", "[iac]") {
  auto all = read(FileKind::Terraform, R"(
variable "env" {
  default = "prod"
}
variable "skus" {
  default = { prod = "Premium", dev = "Basic" }
}
variable "unset" {}
resource "azurerm_eventhub_namespace" "a" {
  name     = var.env == "prod" ? "seldon-prod" : "seldon-dev"
  sku      = lookup(var.skus, var.env, "Standard")
  capacity = coalesce(null, 2)
}
resource "azurerm_eventhub_namespace" "b" {
  name                         = var.unset == "x" ? "a" : "b"
  sku                          = var.skus[var.env]
  capacity                     = tonumber("4")
  local_authentication_enabled = var.unset != null && false
}
)");
  REQUIRE(all.size() == 2);
  CHECK(all[0].name == "seldon-prod");
  CHECK(all[0].sku == "Premium");
  CHECK(all[0].capacity == 2);
  CHECK(all[1].name.empty());
  CHECK(all[1].sku == "Premium");
  CHECK(all[1].capacity == 4);
  CHECK(all[1].local_auth_disabled == Tri::Yes);  // `x && false` is false whatever x is
}

TEST_CASE("Terraform: JSON var files, and backend config files are not deployments", "[iac]") {
  IacRepo repo;
  repo.add("infra/main.tf", kTerraformRoot)
      .add("infra/terraform.tfvars", "environment = \"prod\"\ncapacity = 2\n")
      .add("infra/terraform.tfvars.json", "{\n  \"capacity\": 3\n}\n")
      .add("infra/z.auto.tfvars.json", "{\"sku\": \"Premium\"}")
      .add("infra/backend.tfvars", "storage_account_name = \"tfstate\"\nkey = \"prod\"\n");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 1);  // backend.tfvars sets no variable: no second deployment
  CHECK(all[0].capacity == 3);
  CHECK(repo.path_of(all[0].capacity_location) == "infra/terraform.tfvars.json");
  CHECK(all[0].sku == "Premium");
}

TEST_CASE("IaC deployments survive every truncation and deep nesting", "[iac]") {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"infra/main.tf", kTerraformRoot},
      {"infra/prod.tfvars", "environment = \"prod\"\nsku = \"Basic\"\ncapacity = { a = [1, 2] }\n"},
      {"infra/modules.tf",
       "module \"m\" {\n  source = \"Azure/avm-res-eventhub-namespace/azurerm\"\n  name = "
       "\"x-${var.environment}\"\n  count = var.sku == \"Basic\" ? 0 : 1\n}\n"},
      {"bicep/main.bicep",
       "param sku string = 'Basic'\nmodule m 'br/public:avm/res/event-hub/namespace:0.1.0' = if "
       "(sku != 'x') {\n  name: 'm'\n  params: {\n    name: 'n-${sku}'\n    skuName: sku ?? "
       "'Standard'\n  }\n}\n"},
      {"bicep/main.prod.bicepparam", "using './main.bicep'\nvar a = 'Premium'\nparam sku = a\n"},
      {"arm/t.json",
       "{\"$schema\": \"https://x/deploymentTemplate.json#\", \"parameters\": {\"s\": "
       "{\"defaultValue\": \"Basic\"}}, \"resources\": [{\"type\": "
       "\"Microsoft.EventHub/namespaces\", \"name\": \"n\", \"sku\": {\"name\": "
       "\"[parameters('s')]\"}}]}"},
      {"arm/t.parameters.prod.json",
       "{\"$schema\": \"https://x/deploymentParameters.json#\", \"parameters\": {\"s\": "
       "{\"value\": \"Standard\"}}}"},
  };
  size_t runs = 0;
  for (size_t broken = 0; broken < files.size(); ++broken) {
    const std::string& text = files[broken].second;
    for (size_t cut = 0; cut <= text.size(); cut += 4) {
      IacRepo repo;
      for (size_t i = 0; i < files.size(); ++i) {
        repo.add(files[i].first, i == broken ? text.substr(0, cut) : files[i].second);
      }
      for (const auto& ns : repo.namespaces()) CHECK(!ns.environment.empty());
      ++runs;
    }
  }
  CHECK(runs > 200);
  std::string deep_tf = "x = " + std::string(20000, '(') + "1" + std::string(20000, ')') + "\n";
  std::string deep_object = "locals {\n  a = ";
  for (int i = 0; i < 3000; ++i) deep_object += "{ b = ";
  deep_object += "1" + std::string(3000, '}') + "\n}\n";
  IacRepo deep;
  deep.add("infra/main.tf", kTerraformRoot)
      .add("infra/prod.tfvars", deep_tf)
      .add("infra/deep.tf", deep_object)
      .add("b/main.bicep",
           "param p string = " + std::string(20000, '[') + "'Microsoft.EventHub/namespaces'")
      .add("b/main.bicepparam", "using './main.bicep'\nparam p = " + std::string(20000, '{'));
  CHECK(deep.namespaces().size() <= 2);
}

TEST_CASE("Terraform: for_each over a known map gives one namespace per element", "[iac]") {
  IacRepo repo;
  repo.add("infra/main.tf", R"(
variable "namespaces" {
  type = map(object({ sku = string }))
}
module "eventhub" {
  for_each                     = var.namespaces
  source                       = "Azure/avm-res-eventhub-namespace/azurerm"
  name                         = "seldon-${each.key}"
  sku                          = each.value.sku
  local_authentication_enabled = true
}
resource "azurerm_eventhub_namespace" "extra" {
  for_each = toset(["a", "b"])
  name     = "extra-${each.value}"
  sku      = "Standard"
}
)")
      .add("infra/prod.tfvars", R"(namespaces = {
  prod = { sku = "Basic" }
  prod-eu = { sku = "Premium" }
}
)");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 4);
  CHECK(all[0].name == "extra-a");
  CHECK(all[1].name == "extra-b");
  CHECK(all[2].name == "seldon-prod");
  CHECK(all[2].sku == "Basic");
  CHECK(repo.path_of(all[2].sku_location) == "infra/prod.tfvars");
  CHECK(all[2].sku_location.range.begin.line == 2);
  CHECK(all[2].environment == "production");
  CHECK(all[3].name == "seldon-prod-eu");
  CHECK(all[3].sku == "Premium");
}

TEST_CASE("Bicep: a module loop over a known array gives one namespace per item", "[iac]") {
  IacRepo repo;
  repo.add("infra/main.bicep", R"(
param namespaces array = [
  {
    name: 'seldon-prod'
    sku: 'Basic'
  }
  {
    name: 'seldon-prod-2'
    sku: 'Premium'
  }
]
module eh 'br/public:avm/res/event-hub/namespace:0.7.0' = [for ns in namespaces: {
  name: 'eh-${ns.name}'
  params: {
    name: ns.name
    skuName: ns.sku
    disableLocalAuth: false
  }
}]
resource unknownLoop 'Microsoft.EventHub/namespaces@2024-01-01' = [for (ns, i) in namespaces: {
  name: 'x${i}'
  sku: {
    name: 'Standard'
  }
}]
)");
  auto all = repo.namespaces();
  REQUIRE(all.size() == 3);
  CHECK(all[0].name.empty());  // `(ns, i)`: the index is not modelled, the body is judged once
  CHECK(all[0].sku == "Standard");
  CHECK(all[1].name == "seldon-prod");
  CHECK(all[1].sku == "Basic");
  CHECK(all[1].sku_location.range.begin.line == 5);  // the default's element
  CHECK(all[2].name == "seldon-prod-2");
  CHECK(all[2].sku == "Premium");
}
