# IPsec connections of 1 draft(s), exported by IPsec Studio: import blocks need Terraform 1.5 or later.

# vco-bp1bbi27hojx80nck**** in cn-hangzhou: the provider must be configured for this region.
import {
  to = alicloud_vpn_connection.it_s_home_id_x
  id = "vco-bp1bbi27hojx80nck****"
}

resource "alicloud_vpn_connection" "it_s_home_id_x" {
  vpn_gateway_id       = "vpn-bp1q8bgx4xnkm2ogj****"
  customer_gateway_id  = "cgw-p0w2jemrcj5u61un8****"
  vpn_connection_name  = "it's \"$HOME\" `id` \\ {x}"
  local_subnet         = ["10.1.1.0/24"]
  remote_subnet        = ["10.2.1.0/24"]
  effect_immediately   = false
  enable_dpd           = true
  enable_nat_traversal = true

  ike_config {
    psk           = var.psk_it_s_home_id_x
    ike_version   = "ikev1"
    ike_mode      = "main"
    ike_enc_alg   = "aes256"
    ike_auth_alg  = "sha1"
    ike_pfs       = "group2"
    ike_lifetime  = 86400
    ike_local_id  = "116.64.XX.XX"
    ike_remote_id = "139.18.XX.XX"
  }

  ipsec_config {
    ipsec_enc_alg  = "aes"
    ipsec_auth_alg = "sha1"
    ipsec_pfs      = "group2"
    ipsec_lifetime = 86400
  }

  health_check_config {
    enable   = true
    dip      = "192.168.1.1"
    sip      = "10.1.1.1"
    interval = 3
    retry    = 3
  }

  bgp_config {
    enable       = true
    local_asn    = "65530"
    tunnel_cidr  = "169.254.11.0/30"
    local_bgp_ip = "169.254.11.1"
  }
}

# Pre-shared key of vco-bp1bbi27hojx80nck****: set it with TF_VAR_psk_it_s_home_id_x, never in a file.
variable "psk_it_s_home_id_x" {
  type      = string
  sensitive = true
}
