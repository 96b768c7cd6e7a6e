# IPsec connections of 1 draft(s), exported by IPsec Studio: import blocks need Terraform 1.5 or later.

# vco-dual0000000001 in cn-shanghai: the provider must be configured for this region.
import {
  to = alicloud_vpn_connection.dual_test
  id = "vco-dual0000000001"
}

resource "alicloud_vpn_connection" "dual_test" {
  vpn_gateway_id      = "vpn-bp1q8bgx4xnkm2ogj****"
  vpn_connection_name = "dual-test"
  local_subnet        = ["10.1.0.0/16", "10.3.0.0/16"]
  remote_subnet       = ["10.2.0.0/16", "10.4.0.0/16"]
  effect_immediately  = false
  enable_tunnels_bgp  = true

  tunnel_options_specification {
    role                 = "master"
    customer_gateway_id  = "cgw-p0wy363lucf1uyae1"
    enable_dpd           = true
    enable_nat_traversal = true

    tunnel_ike_config {
      psk          = var.psk_dual_test_master
      ike_version  = "ikev2"
      ike_mode     = "main"
      ike_enc_alg  = "aes"
      ike_auth_alg = "sha1"
      ike_pfs      = "group2"
      ike_lifetime = 86400
      local_id     = "47.21.0.1"
      remote_id    = "47.42.0.1"
    }

    tunnel_ipsec_config {
      ipsec_enc_alg  = "aes"
      ipsec_auth_alg = "sha1"
      ipsec_pfs      = "group2"
      ipsec_lifetime = 86400
    }

    tunnel_bgp_config {
      local_asn    = "65530"
      tunnel_cidr  = "169.254.11.0/30"
      local_bgp_ip = "169.254.11.1"
    }
  }

  tunnel_options_specification {
    role                 = "slave"
    customer_gateway_id  = "cgw-p0wy363lucf1uyae2"
    enable_dpd           = true
    enable_nat_traversal = true

    tunnel_ike_config {
      psk          = var.psk_dual_test_slave
      ike_version  = "ikev2"
      ike_mode     = "main"
      ike_enc_alg  = "aes"
      ike_auth_alg = "sha1"
      ike_pfs      = "group2"
      ike_lifetime = 86400
      local_id     = "47.21.0.2"
      remote_id    = "47.42.0.1"
    }

    tunnel_ipsec_config {
      ipsec_enc_alg  = "aes256"
      ipsec_auth_alg = "sha1"
      ipsec_pfs      = "group2"
      ipsec_lifetime = 86400
    }

    tunnel_bgp_config {
      local_asn    = "65530"
      tunnel_cidr  = "169.254.12.0/30"
      local_bgp_ip = "169.254.12.1"
    }
  }
}

# Pre-shared key of tunnel 1 of vco-dual0000000001: set it with TF_VAR_psk_dual_test_master, never in a file.
variable "psk_dual_test_master" {
  type      = string
  sensitive = true
}

# Pre-shared key of tunnel 2 of vco-dual0000000001: set it with TF_VAR_psk_dual_test_slave, never in a file.
variable "psk_dual_test_slave" {
  type      = string
  sensitive = true
}
