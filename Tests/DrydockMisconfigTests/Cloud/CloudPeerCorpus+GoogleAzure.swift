/// Google Compute Engine and IAM, Azure database servers and the AWS account password policy, for the checkov
/// comparison: a failing and a hardened variant of each, values through locals and references.
extension CloudPeerCorpus {
    static let googleAzure: [String: String] = [
        "tf/google/compute.tf": """
        locals {
          image = "debian-cloud/debian-12"
          zone  = "europe-west1-b"
        }

        resource "google_service_account" "web" {
          account_id = "web"
        }

        resource "google_compute_instance" "legacy" {
          name           = "legacy"
          machine_type   = "e2-small"
          zone           = local.zone
          can_ip_forward = true

          boot_disk {
            initialize_params {
              image = local.image
            }
          }

          network_interface {
            network = "default"
            access_config {}
          }

          metadata = {
            serial-port-enable = "true"
            enable-oslogin     = "FALSE"
          }

          service_account {
            email  = "1234-compute@developer.gserviceaccount.com"
            scopes = ["cloud-platform"]
          }
        }

        resource "google_compute_instance" "hardened" {
          name         = "hardened"
          machine_type = "e2-small"
          zone         = local.zone

          boot_disk {
            initialize_params {
              image = local.image
            }
          }

          network_interface {
            network = "default"
          }

          metadata = {
            block-project-ssh-keys = true
          }

          shielded_instance_config {
            enable_secure_boot          = true
            enable_vtpm                 = true
            enable_integrity_monitoring = true
          }

          service_account {
            email  = google_service_account.web.email
            scopes = ["cloud-platform"]
          }
        }

        resource "google_compute_instance" "bastion" {
          name         = "bastion"
          machine_type = "e2-micro"
          zone         = local.zone

          boot_disk {
            initialize_params {
              image = local.image
            }
          }

          network_interface {
            network = "default"
          }

          metadata = {
            block-project-ssh-keys = true
            enable-oslogin         = false
          }

          shielded_instance_config {
            enable_secure_boot = true
          }

          service_account {
            email  = google_service_account.web.email
            scopes = ["cloud-platform"]
          }
        }
        """,
        "tf/google/iam.tf": """
        variable "project" {
          default = "shop-prod"
        }

        resource "google_project_iam_member" "deployer" {
          project = var.project
          role    = "roles/iam.serviceAccountUser"
          member  = "user:deployer@example.com"
        }

        resource "google_project_iam_member" "ci_owner" {
          project = var.project
          role    = "roles/owner"
          member  = "serviceAccount:ci@shop-prod.iam.gserviceaccount.com"
        }

        resource "google_project_iam_binding" "default_sa" {
          project = var.project
          role    = "roles/logging.logWriter"
          members = ["serviceAccount:1234-compute@developer.gserviceaccount.com"]
        }

        resource "google_folder_iam_member" "tokens" {
          folder = "folders/1234"
          role   = "roles/iam.serviceAccountTokenCreator"
          member = "group:platform@example.com"
        }

        resource "google_project_iam_member" "readers" {
          project = var.project
          role    = "roles/viewer"
          member  = "group:readers@example.com"
        }
        """,
        "tf/azure/main.tf": """
        locals {
          group    = "shop"
          location = "westeurope"
        }

        resource "azurerm_mssql_server" "sales" {
          name                = "sales"
          resource_group_name = local.group
          location            = local.location
          version             = "12.0"
          minimum_tls_version = "1.2"
        }

        resource "azurerm_mssql_server" "audited" {
          name                          = "audited"
          resource_group_name           = local.group
          location                      = local.location
          version                       = "12.0"
          minimum_tls_version           = "1.2"
          public_network_access_enabled = false
        }

        resource "azurerm_mssql_server_extended_auditing_policy" "audited" {
          server_id         = azurerm_mssql_server.audited.id
          retention_in_days = 120
        }

        resource "azurerm_postgresql_server" "orders" {
          name                    = "orders"
          resource_group_name     = local.group
          location                = local.location
          sku_name                = "GP_Gen5_2"
          version                 = "11"
          ssl_enforcement_enabled = false
        }

        resource "azurerm_mysql_server" "catalog" {
          name                    = "catalog"
          resource_group_name     = local.group
          location                = local.location
          sku_name                = "GP_Gen5_2"
          version                 = "8.0"
          ssl_enforcement_enabled = true
        }
        """,
        "tf/account/main.tf": """
        resource "aws_iam_account_password_policy" "weak" {
          minimum_password_length = 8
          require_numbers         = true
          max_password_age        = 365
        }
        """,
        "tf/account-strict/main.tf": """
        locals {
          days = 90
        }

        resource "aws_iam_account_password_policy" "strict" {
          minimum_password_length        = 14
          require_lowercase_characters   = true
          require_uppercase_characters   = true
          require_numbers                = true
          require_symbols                = true
          password_reuse_prevention      = 24
          max_password_age               = local.days
        }
        """,
    ]
}
