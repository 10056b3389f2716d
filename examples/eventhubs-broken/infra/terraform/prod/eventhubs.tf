resource "azurerm_resource_group" "seldon" {
  name     = "acme-seldon-prod-rg"
  location = "westeurope"
}

# Kafka needs Standard or higher; Seldon creates 2 x (models + pipelines) + 1
# event hubs per Seldon namespace (Standard: 10 per namespace).
resource "azurerm_eventhub_namespace" "seldon" {
  name                          = "acme-seldon-prod"
  location                      = azurerm_resource_group.seldon.location
  resource_group_name           = azurerm_resource_group.seldon.name
  sku                           = "Basic"
  capacity                      = 1
  local_authentication_enabled  = false
  minimum_tls_version           = "1.2"
  public_network_access_enabled = true
}

# Namespace-level policy: Seldon creates its own topics (event hubs).
resource "azurerm_eventhub_namespace_authorization_rule" "seldon" {
  name                = "seldon"
  namespace_name      = azurerm_eventhub_namespace.seldon.name
  resource_group_name = azurerm_resource_group.seldon.name
  listen              = true
  send                = true
  manage              = true
}
