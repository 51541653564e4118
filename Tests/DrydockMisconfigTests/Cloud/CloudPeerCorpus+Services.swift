/// GKE, Cloud SQL, AKS, key vault, Azure storage and AWS RDS/EC2/CloudTrail resources for the checkov
/// comparison: a weak and a hardened variant of each, some values through variables and locals.
extension CloudPeerCorpus {
    static let services: [String: String] = [
        "tf/gke/main.tf": """
        variable "labels" {
          default = { team = "platform" }
        }

        resource "google_container_cluster" "weak" {
          name               = "weak"
          location           = "europe-west1"
          initial_node_count = 1
          enable_shielded_nodes = false

          master_auth {
            client_certificate_config {
              issue_client_certificate = true
            }
          }

          node_config {
            image_type = "UBUNTU_CONTAINERD"
          }
        }

        resource "google_container_cluster" "hardened" {
          name                     = "hardened"
          location                 = "europe-west1"
          remove_default_node_pool = true
          initial_node_count       = 1
          resource_labels          = var.labels

          ip_allocation_policy {}

          network_policy {
            enabled = true
          }

          master_authorized_networks_config {
            cidr_blocks {
              cidr_block = "10.10.0.0/16"
            }
          }

          private_cluster_config {
            enable_private_nodes    = true
            enable_private_endpoint = true
            master_ipv4_cidr_block  = "172.16.0.0/28"
          }

          node_config {
            image_type = "COS_CONTAINERD"
          }
        }

        resource "google_container_node_pool" "weak" {
          name    = "weak"
          cluster = google_container_cluster.hardened.id

          management {
            auto_repair  = false
            auto_upgrade = false
          }

          node_config {
            image_type = "UBUNTU_CONTAINERD"
          }
        }

        resource "google_container_node_pool" "hardened" {
          name    = "hardened"
          cluster = google_container_cluster.hardened.id

          management {
            auto_repair  = true
            auto_upgrade = true
          }

          node_config {
            image_type      = "COS_CONTAINERD"
            service_account = "nodes@project.iam.gserviceaccount.com"
          }
        }
        """,
        "tf/sql/main.tf": """
        locals {
          on = "on"
        }

        resource "google_sql_database_instance" "postgres_weak" {
          name             = "postgres-weak"
          database_version = "POSTGRES_15"

          settings {
            tier = "db-custom-1-3840"
          }
        }

        resource "google_sql_database_instance" "postgres_hardened" {
          name             = "postgres-hardened"
          database_version = "POSTGRES_15"

          settings {
            tier = "db-custom-1-3840"

            backup_configuration {
              enabled = true
            }

            database_flags {
              name  = "log_connections"
              value = local.on
            }

            database_flags {
              name  = "log_disconnections"
              value = local.on
            }

            database_flags {
              name  = "log_lock_waits"
              value = local.on
            }
          }
        }

        resource "google_sql_database_instance" "mysql_weak" {
          name             = "mysql-weak"
          database_version = "MYSQL_8_0"

          settings {
            tier = "db-f1-micro"

            backup_configuration {
              enabled = true
            }

            database_flags {
              name  = "local_infile"
              value = "on"
            }
          }
        }
        """,
        "tf/aks/main.tf": """
        resource "azurerm_kubernetes_cluster" "weak" {
          name                = "weak"
          location            = "westeurope"
          resource_group_name = "rg"
          dns_prefix          = "weak"

          default_node_pool {
            name       = "default"
            node_count = 1
            vm_size    = "Standard_D2_v2"
          }

          identity {
            type = "SystemAssigned"
          }
        }

        resource "azurerm_kubernetes_cluster" "hardened" {
          name                    = "hardened"
          location                = "westeurope"
          resource_group_name     = "rg"
          dns_prefix              = "hardened"
          private_cluster_enabled = true
          azure_policy_enabled    = true
          disk_encryption_set_id  = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/aks"

          api_server_access_profile {
            authorized_ip_ranges = ["10.0.0.0/16"]
          }

          default_node_pool {
            name       = "default"
            node_count = 1
            vm_size    = "Standard_D2_v2"
          }

          network_profile {
            network_plugin = "azure"
            network_policy = "azure"
          }

          oms_agent {
            log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/aks"
          }

          identity {
            type = "SystemAssigned"
          }
        }
        """,
        "tf/keyvault/main.tf": """
        resource "azurerm_key_vault" "weak" {
          name                = "weak"
          location            = "westeurope"
          resource_group_name = "rg"
          tenant_id           = "00000000-0000-0000-0000-000000000000"
          sku_name            = "standard"
        }

        resource "azurerm_key_vault" "hardened" {
          name                       = "hardened"
          location                   = "westeurope"
          resource_group_name        = "rg"
          tenant_id                  = "00000000-0000-0000-0000-000000000000"
          sku_name                   = "premium"
          purge_protection_enabled   = true
          soft_delete_retention_days = 90

          network_acls {
            bypass         = "AzureServices"
            default_action = "Deny"
          }
        }

        resource "azurerm_key_vault_key" "weak" {
          name         = "weak"
          key_vault_id = azurerm_key_vault.hardened.id
          key_type     = "RSA"
          key_size     = 2048
          key_opts     = ["decrypt", "encrypt"]
        }

        resource "azurerm_key_vault_key" "hardened" {
          name            = "hardened"
          key_vault_id    = azurerm_key_vault.hardened.id
          key_type        = "RSA-HSM"
          key_size        = 2048
          key_opts        = ["decrypt", "encrypt"]
          expiration_date = "2030-12-31T00:00:00Z"
        }

        resource "azurerm_key_vault_secret" "weak" {
          name         = "weak"
          value        = "s3cr3t-value"
          key_vault_id = azurerm_key_vault.hardened.id
        }

        resource "azurerm_key_vault_secret" "hardened" {
          name            = "hardened"
          value           = "s3cr3t-value"
          key_vault_id    = azurerm_key_vault.hardened.id
          content_type    = "password"
          expiration_date = "2030-12-31T00:00:00Z"
        }
        """,
        "tf/azure-storage/main.tf": """
        resource "azurerm_storage_account" "weak" {
          name                     = "weak"
          resource_group_name      = "rg"
          location                 = "westeurope"
          account_tier             = "Standard"
          account_replication_type = "LRS"

          network_rules {
            default_action = "Allow"
          }
        }

        resource "azurerm_storage_account" "hardened" {
          name                     = "hardened"
          resource_group_name      = "rg"
          location                 = "westeurope"
          account_tier             = "Standard"
          account_replication_type = "GRS"

          network_rules {
            default_action = "Deny"
            bypass         = ["AzureServices"]
          }
        }

        resource "azurerm_storage_container" "public" {
          name                  = "public"
          storage_account_name  = azurerm_storage_account.hardened.name
          container_access_type = "blob"
        }

        resource "azurerm_storage_container" "private" {
          name                  = "private"
          storage_account_name  = azurerm_storage_account.hardened.name
          container_access_type = "private"
        }
        """,
        "tf/rds/main.tf": """
        resource "aws_db_instance" "weak" {
          identifier     = "weak"
          engine         = "mysql"
          instance_class = "db.t3.micro"
        }

        resource "aws_db_instance" "hardened" {
          identifier                          = "hardened"
          engine                              = "postgres"
          instance_class                      = "db.t3.micro"
          deletion_protection                 = true
          iam_database_authentication_enabled = true
          performance_insights_enabled        = true
          performance_insights_kms_key_id     = "arn:aws:kms:eu-west-1:123456789012:key/pi"
        }

        resource "aws_rds_cluster" "weak" {
          cluster_identifier = "weak"
          engine             = "aurora-mysql"
        }

        resource "aws_rds_cluster" "hardened" {
          cluster_identifier  = "hardened"
          engine              = "aurora-mysql"
          deletion_protection = true
        }
        """,
        "tf/trail/main.tf": """
        resource "aws_cloudtrail" "weak" {
          name           = "weak"
          s3_bucket_name = "trail-logs"
        }

        resource "aws_cloudtrail" "hardened" {
          name                       = "hardened"
          s3_bucket_name             = "trail-logs"
          cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:trail:*"
          cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail"
        }
        """,
        "cfn/rds.yaml": """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          WeakDatabase:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              DBInstanceClass: db.t3.micro
          HardenedDatabase:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              DeletionProtection: true
              EnableIAMDatabaseAuthentication: true
        """,
    ]
}
