// The strongSwan vendor and the mirror: golden configurations, importers over hand-written real-world files, and
// connection → mirror → generate → import round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DualTunnelConnection, SingleTunnelConnection, VpnConnection } from '../../core/index.ts';
import { mirrorPeer, type PeerAddresses } from '../../core/peer/mirror.ts';
import type { PeerProfile, PeerTunnelKey } from '../../core/peer/profile.ts';
import { VENDORS, vendorById } from '../../core/peer/vendors/index.ts';
import { apiNameFor, keywordFor, parseIkeProposals, parseIpsecProposals, STRONGSWAN_ALGORITHMS } from '../../core/peer/vendors/strongswan/algorithms.ts';
import { PEER_VENDOR_MESSAGES } from '../../core/peer/vendors/strongswan/common.ts';
import { strongswan } from '../../core/peer/vendors/strongswan/index.ts';
import { anyConnection, ipv4 } from './arbitraries.ts';
import { dual, single, smSingle } from './fixtures.ts';

const SINGLE_ADDR: PeerAddresses = { single: { cloudAddress: '47.100.1.1', deviceAddress: '203.0.113.10' } };
const DUAL_ADDR: PeerAddresses = {
  master: { cloudAddress: '47.21.0.1', deviceAddress: '203.0.113.10' },
  slave: { cloudAddress: '47.21.0.2', deviceAddress: '203.0.113.10' },
};

const gen = (profile: PeerProfile, format: string, includeSecrets = true, tunnels?: PeerTunnelKey[]) =>
  strongswan.generate(profile, { format, includeSecrets, ...(tunnels && { tunnels }) });
const lines = (text: string) => text.split('\n');

/** A single-tunnel connection: policy-based, IKEv2, the document's algorithms. */
function policySingle(): SingleTunnelConnection {
  const c = single();
  return {
    ...c,
    LocalSubnet: '10.1.1.0/24',
    RemoteSubnet: '192.168.10.0/24,192.168.20.0/24',
    IkeConfig: { ...c.IkeConfig, IkeVersion: 'ikev2', IkeEncAlg: 'aes256', IkeAuthAlg: 'sha256', IkePfs: 'group14', LocalId: '', RemoteId: '', Psk: 'S3cret#{x}' },
    IpsecConfig: { IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha1', IpsecPfs: 'group2', IpsecLifetime: 3600 },
    BgpConfig: { ...c.BgpConfig, EnableBgp: false },
  };
}

/** A dual-tunnel connection: route-based (0.0.0.0/0), BGP on, DPD off on the slave. */
function routeBgpDual(): DualTunnelConnection {
  const c = dual();
  return {
    ...c,
    LocalSubnet: '0.0.0.0/0',
    RemoteSubnet: '0.0.0.0/0',
    tunnels: [c.tunnels[0], { ...c.tunnels[1], EnableDpd: false, EnableNatTraversal: false }],
  };
}

// ---------------------------------------------------------------------------------------------------------------

describe('mirrorPeer', () => {
  it('is the device end of a single-tunnel connection: identities, subnets and proposals swapped to its side', () => {
    const profile = mirrorPeer(single(), SINGLE_ADDR);
    expect(profile).toMatchObject({ vendor: 'strongswan', platform: '', source: 'mirror' });
    expect(Object.keys(profile.tunnels)).toEqual(['single']);
    expect(profile.tunnels.single).toEqual({
      deviceAddress: '203.0.113.10',
      cloudAddress: '47.100.1.1',
      ikeVersions: ['ikev1'],
      ikeMode: 'main',
      ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' }],
      ipsecProposals: [{ encryption: 'aes', integrity: 'sha1', pfs: 'group2' }],
      ikeLifetime: 86400,
      ipsecLifetime: 86400,
      localId: '139.18.XX.XX',
      remoteId: '116.64.XX.XX',
      localSubnets: ['10.2.1.0/24'],
      remoteSubnets: ['10.1.1.0/24'],
      psk: 'pgw6dy7d1i8i****',
      dpd: true,
      natTraversal: true,
      routeBased: false,
      bgp: { asn: '65531', address: '169.254.11.2', peerAddress: '169.254.11.1', peerAsn: '65530' },
    });
  });

  it('defaults the identities the way the cloud does: RemoteId "" is the device address, LocalId "" the cloud address', () => {
    const c = policySingle();
    expect(mirrorPeer(c, SINGLE_ADDR).tunnels.single).toMatchObject({ localId: '203.0.113.10', remoteId: '47.100.1.1' });
    expect(mirrorPeer(c, {}).tunnels.single).toMatchObject({ localId: '', remoteId: '', deviceAddress: '', cloudAddress: '' });
  });

  it('splits and normalises the subnet lists, device side first', () => {
    const c = { ...policySingle(), LocalSubnet: ' 10.1.1.0/24, 10.1.2.0/24,10.1.1.0/24 ', RemoteSubnet: '192.168.10.0/24,' };
    expect(mirrorPeer(c, SINGLE_ADDR).tunnels.single).toMatchObject({ localSubnets: ['192.168.10.0/24'], remoteSubnets: ['10.1.1.0/24', '10.1.2.0/24'], routeBased: false });
    const rb = { ...c, LocalSubnet: '0.0.0.0/0', RemoteSubnet: '0.0.0.0/0' };
    expect(mirrorPeer(rb, SINGLE_ADDR).tunnels.single).toMatchObject({ localSubnets: ['0.0.0.0/0'], remoteSubnets: ['0.0.0.0/0'], routeBased: true });
    const half = { ...c, LocalSubnet: '0.0.0.0/0', RemoteSubnet: '192.168.10.0/24' };
    expect(mirrorPeer(half, SINGLE_ADDR).tunnels.single!.routeBased).toBe(false);
  });

  it('BGP: the peer is the cloud; without PeerBgpIp the device takes the other host of the /30', () => {
    const c = single();
    const noPeer = { ...c, BgpConfig: { EnableBgp: true, LocalAsn: '65530', TunnelCidr: '169.254.20.0/30', LocalBgpIp: '169.254.20.2' } };
    expect(mirrorPeer(noPeer, SINGLE_ADDR).tunnels.single!.bgp).toEqual({ asn: '', address: '169.254.20.1', peerAddress: '169.254.20.2', peerAsn: '65530' });
    const otherWay = { ...noPeer, BgpConfig: { ...noPeer.BgpConfig, LocalBgpIp: '169.254.20.1' } };
    expect(mirrorPeer(otherWay, SINGLE_ADDR).tunnels.single!.bgp!.address).toBe('169.254.20.2');
    const notA30 = { ...noPeer, BgpConfig: { ...noPeer.BgpConfig, TunnelCidr: '169.254.20.0/29' } };
    expect(mirrorPeer(notA30, SINGLE_ADDR).tunnels.single!.bgp!.address).toBe('');
    expect(mirrorPeer({ ...c, BgpConfig: { ...c.BgpConfig, EnableBgp: false } }, SINGLE_ADDR).tunnels.single!.bgp).toBeUndefined();
  });

  it('dual: master and slave from tunnels[0] / tunnels[1], each with its own settings; BGP follows EnableTunnelsBgp', () => {
    const c = routeBgpDual();
    const profile = mirrorPeer(c, DUAL_ADDR);
    expect(Object.keys(profile.tunnels)).toEqual(['master', 'slave']);
    expect(profile.tunnels.master).toMatchObject({ cloudAddress: '47.21.0.1', remoteId: '47.21.0.1', localId: '47.42.0.1', psk: '123456ab1', dpd: true, natTraversal: true, routeBased: true });
    expect(profile.tunnels.slave).toMatchObject({ cloudAddress: '47.21.0.2', remoteId: '47.21.0.2', psk: '123456ab2', dpd: false, natTraversal: false });
    expect(profile.tunnels.slave!.bgp).toEqual({ asn: '65531', address: '169.254.12.2', peerAddress: '169.254.12.1', peerAsn: '65530' });
    expect(mirrorPeer({ ...c, EnableTunnelsBgp: false }, DUAL_ADDR).tunnels.master!.bgp).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('the vendor seam', () => {
  it('lists strongSwan first, with its two formats, then the commercial CLIs', () => {
    expect(VENDORS.map((v) => v.id)).toEqual(['strongswan', 'cisco-iosxe', 'huawei-vrp', 'juniper-srx', 'fortigate', 'panos']);
    expect(vendorById('strongswan')).toBe(strongswan);
    expect(vendorById('cisco')).toBeUndefined();
    expect(strongswan.formats).toEqual([
      { id: 'swanctl', fileName: 'swanctl.conf' },
      { id: 'ipsec.conf', fileName: 'ipsec.conf' },
    ]);
  });

  it('maps every API name to the documented keyword and back, aliases included', () => {
    const pairs = STRONGSWAN_ALGORITHMS.map((r) => `${r.api}=${r.keyword}`);
    expect(pairs).toEqual([
      'aes=aes128', 'aes192=aes192', 'aes256=aes256', 'des=des', '3des=3des',
      'md5=md5', 'sha1=sha1', 'sha256=sha256', 'sha384=sha384', 'sha512=sha512',
      'group1=modp768', 'group2=modp1024', 'group5=modp1536', 'group14=modp2048', 'group24=modp2048s256',
    ]);
    for (const row of STRONGSWAN_ALGORITHMS) {
      expect(row.sources).toEqual(['https://docs.strongswan.org/docs/5.9/config/IKEv2CipherSuites.html', 'https://docs.strongswan.org/docs/5.9/config/IKEv1CipherSuites.html']);
      expect(keywordFor(row.kind, row.api)).toBe(row.keyword);
      expect(apiNameFor(row.kind, row.keyword)).toBe(row.api);
    }
    expect(apiNameFor('encryption', 'aes')).toBe('aes');
    expect(apiNameFor('integrity', 'sha')).toBe('sha1');
    expect(apiNameFor('integrity', 'sha2_256')).toBe('sha256');
    expect(apiNameFor('encryption', 'aes128gcm16')).toBe('aes128gcm16');
    expect(keywordFor('encryption', 'sm4')).toBeUndefined();
    expect(keywordFor('integrity', 'sm3')).toBeUndefined();
    expect(keywordFor('encryption', 'aes128gcm16')).toBe('aes128gcm16');
    expect(keywordFor('encryption', 'sha1')).toBeUndefined();
  });

  it('expands combined proposals into every combination, in order; separate PRFs and ESN are accepted', () => {
    expect(parseIkeProposals('aes128-aes256-sha1-sha256-modp2048').proposals).toEqual([
      { encryption: 'aes', integrity: 'sha1', dhGroup: 'group14' },
      { encryption: 'aes', integrity: 'sha256', dhGroup: 'group14' },
      { encryption: 'aes256', integrity: 'sha1', dhGroup: 'group14' },
      { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' },
    ]);
    expect(parseIkeProposals('aes256-sha256-prfsha384-modp1024-modp4096, aes128gcm16-prfsha256-ecp256')).toEqual({
      proposals: [
        { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group2' },
        { encryption: 'aes256', integrity: 'sha256', dhGroup: 'modp4096' },
        { encryption: 'aes128gcm16', integrity: '', dhGroup: 'ecp256' },
      ],
      unknown: [],
      usesDefault: false,
    });
    expect(parseIpsecProposals('aes128-sha1-modp1024-modpnone-esn,3des-md5,default,aes-blah').proposals).toEqual([
      { encryption: 'aes', integrity: 'sha1', pfs: 'group2' },
      { encryption: 'aes', integrity: 'sha1', pfs: 'disabled' },
      { encryption: '3des', integrity: 'md5', pfs: 'disabled' },
    ]);
    expect(parseIpsecProposals('default,aes-blah')).toMatchObject({ usesDefault: true, unknown: ['blah'] });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('swanctl.conf generator (golden)', () => {
  it('single, policy-based, IKEv2, two device subnets', () => {
    const out = gen(mirrorPeer(policySingle(), SINGLE_ADDR), 'swanctl');
    expect(out.notes).toEqual([]);
    expect(out.text).toBe(`# swanctl.conf for the customer device (strongSwan 5.9), generated by IPsec Studio.
# "local" is this device, "remote" is the Alibaba Cloud VPN gateway. Load with: swanctl --load-all
connections {
  # Tunnel single: this device 203.0.113.10 <-> Alibaba Cloud 47.100.1.1
  alibaba {
    version = 2
    aggressive = no
    local_addrs = 203.0.113.10
    remote_addrs = 47.100.1.1
    proposals = aes256-sha256-modp2048
    rekey_time = 86400s
    dpd_delay = 10s
    # NAT traversal: strongSwan detects NAT itself and moves to UDP 4500 when it finds one; encap = yes
    # also forces UDP encapsulation when there is no NAT (it fakes the NAT detection payloads).
    encap = yes
    local {
      auth = psk
      id = 203.0.113.10
    }
    remote {
      auth = psk
      id = 47.100.1.1
    }
    children {
      alibaba-net {
        local_ts = 192.168.10.0/24,192.168.20.0/24
        remote_ts = 10.1.1.0/24
        esp_proposals = aes128-sha1-modp1024
        life_time = 3600s
        rekey_time = 3240s
        dpd_action = restart
        start_action = start
      }
    }
  }
}
secrets {
  ike-alibaba {
    id-1 = 203.0.113.10
    id-2 = 47.100.1.1
    secret = "S3cret#{x}"
  }
}
`);
  });

  it('dual, route-based with BGP: two connections, one XFRM interface id each, the BGP block, per-tunnel DPD and NAT-T', () => {
    const out = gen(mirrorPeer(routeBgpDual(), DUAL_ADDR), 'swanctl', false);
    expect(out.notes).toEqual([]);
    expect(out.text).toBe(`# swanctl.conf for the customer device (strongSwan 5.9), generated by IPsec Studio.
# "local" is this device, "remote" is the Alibaba Cloud VPN gateway. Load with: swanctl --load-all
connections {
  # Tunnel master: this device 203.0.113.10 <-> Alibaba Cloud 47.21.0.1
  alibaba-master {
    # BGP: strongSwan does not speak BGP; configure the device's routing daemon (FRR, BIRD, ...) with:
    #   bgp-local-asn = 65531
    #   bgp-local-address = 169.254.11.2
    #   bgp-neighbor-address = 169.254.11.1
    #   bgp-neighbor-asn = 65530
    #   e.g. FRR: router bgp 65531 / neighbor 169.254.11.1 remote-as 65530
    version = 2
    aggressive = no
    local_addrs = 203.0.113.10
    remote_addrs = 47.21.0.1
    proposals = aes128-sha1-modp1024
    rekey_time = 86400s
    dpd_delay = 10s
    # NAT traversal: strongSwan detects NAT itself and moves to UDP 4500 when it finds one; encap = yes
    # also forces UDP encapsulation when there is no NAT (it fakes the NAT detection payloads).
    encap = yes
    local {
      auth = psk
      id = 47.42.0.1
    }
    remote {
      auth = psk
      id = 47.21.0.1
    }
    children {
      alibaba-master-net {
        local_ts = 0.0.0.0/0
        remote_ts = 0.0.0.0/0
        esp_proposals = aes128-sha1-modp1024
        life_time = 86400s
        rekey_time = 77760s
        # Route-based: this CHILD_SA is bound to XFRM interface id 1 (strongSwan installs no routes for it).
        # On the device (eth0 = the uplink):
        #   ip link add xfrm-master type xfrm dev eth0 if_id 1
        #   ip addr add 169.254.11.2/30 dev xfrm-master
        #   ip link set xfrm-master up
        #   ip route add <cloud network> dev xfrm-master   (or let BGP install the routes)
        if_id_in = 1
        if_id_out = 1
        dpd_action = restart
        start_action = start
      }
    }
  }
  # Tunnel slave: this device 203.0.113.10 <-> Alibaba Cloud 47.21.0.2
  alibaba-slave {
    # BGP: strongSwan does not speak BGP; configure the device's routing daemon (FRR, BIRD, ...) with:
    #   bgp-local-asn = 65531
    #   bgp-local-address = 169.254.12.2
    #   bgp-neighbor-address = 169.254.12.1
    #   bgp-neighbor-asn = 65530
    #   e.g. FRR: router bgp 65531 / neighbor 169.254.12.1 remote-as 65530
    version = 2
    aggressive = no
    local_addrs = 203.0.113.10
    remote_addrs = 47.21.0.2
    proposals = aes128-sha1-modp1024
    rekey_time = 86400s
    dpd_delay = 0s
    # NAT traversal off: strongSwan still detects NAT and moves to UDP 4500 when it finds one (it cannot
    # be switched off); encap = no only means it does not force UDP encapsulation without NAT.
    encap = no
    local {
      auth = psk
      id = 47.42.0.1
    }
    remote {
      auth = psk
      id = 47.21.0.2
    }
    children {
      alibaba-slave-net {
        local_ts = 0.0.0.0/0
        remote_ts = 0.0.0.0/0
        esp_proposals = aes128-sha1-modp1024
        life_time = 86400s
        rekey_time = 77760s
        # Route-based: this CHILD_SA is bound to XFRM interface id 2 (strongSwan installs no routes for it).
        # On the device (eth0 = the uplink):
        #   ip link add xfrm-slave type xfrm dev eth0 if_id 2
        #   ip addr add 169.254.12.2/30 dev xfrm-slave
        #   ip link set xfrm-slave up
        #   ip route add <cloud network> dev xfrm-slave   (or let BGP install the routes)
        if_id_in = 2
        if_id_out = 2
        dpd_action = clear
        start_action = start
      }
    }
  }
}
# secrets { ike-… { secret = … } }: left out; generate with secrets to include the pre-shared keys.
`);
  });

  it('dual, policy-based: secrets per tunnel, ids from the connection; only the tunnels asked for', () => {
    const profile = mirrorPeer(dual(), DUAL_ADDR);
    const text = gen(profile, 'swanctl').text;
    expect(text).toContain(`secrets {
  ike-alibaba-master {
    id-1 = 47.42.0.1
    id-2 = 47.21.0.1
    secret = "123456ab1"
  }
  ike-alibaba-slave {
    id-1 = 47.42.0.1
    id-2 = 47.21.0.2
    secret = "123456ab2"
  }
}`);
    expect(lines(text)).toContain('        remote_ts = 10.1.0.0/16,10.3.0.0/16');
    expect(lines(text).filter((l) => l.includes('if_id'))).toEqual([]);
    const slaveOnly = gen(profile, 'swanctl', true, ['slave']).text;
    expect(slaveOnly).not.toContain('alibaba-master');
    expect(slaveOnly).toContain('  alibaba-slave {');
  });

  it('IKEv1 aggressive with FQDN identities and PFS disabled', () => {
    const c = policySingle();
    const v1: SingleTunnelConnection = {
      ...c,
      RemoteSubnet: '192.168.10.0/24',
      IkeConfig: { ...c.IkeConfig, IkeVersion: 'ikev1', IkeMode: 'aggressive', LocalId: 'gw.cloud.example', RemoteId: 'cpe.customer.example' },
      IpsecConfig: { ...c.IpsecConfig, IpsecPfs: 'disabled' },
    };
    const out = gen(mirrorPeer(v1, SINGLE_ADDR), 'swanctl');
    const l = lines(out.text);
    for (const expected of ['    version = 1', '    aggressive = yes', '      id = cpe.customer.example', '      id = gw.cloud.example', '        esp_proposals = aes128-sha1', '    id-1 = cpe.customer.example', '    id-2 = gw.cloud.example']) {
      expect(l).toContain(expected);
    }
    // The local section comes first: the device's own FQDN is its local id.
    expect(l.indexOf('      id = cpe.customer.example')).toBeLessThan(l.indexOf('      id = gw.cloud.example'));
  });

  it('SM gateway: sm4/sm3 have no keyword, so the proposal lines are commented out and noted, never dropped silently', () => {
    const out = gen(mirrorPeer(smSingle(), SINGLE_ADDR), 'swanctl');
    const l = lines(out.text);
    const ike = l.indexOf('    # proposals = sm4-sm3-group2   # strongSwan has no keyword for sm4, sm3: this tunnel cannot be configured as is');
    const esp = l.indexOf('        # esp_proposals = sm4-sm3-group2   # strongSwan has no keyword for sm4, sm3: this tunnel cannot be configured as is');
    expect(ike).toBeGreaterThan(0);
    expect(esp).toBeGreaterThan(ike);
    expect(out.notes).toEqual([
      { line: ike + 1, code: 'peer.vendorCannot', message: 'strongSwan has no keyword for sm4, sm3: this proposal cannot be configured on the device.', params: { algorithms: 'sm4, sm3' } },
      { line: esp + 1, code: 'peer.vendorCannot', message: 'strongSwan has no keyword for sm4, sm3: this proposal cannot be configured on the device.', params: { algorithms: 'sm4, sm3' } },
    ]);
    // A proposal strongSwan can express stays on the line; the one it cannot is named in a comment there.
    const profile = mirrorPeer(smSingle(), SINGLE_ADDR);
    profile.tunnels.single!.ikeProposals.push({ encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' });
    const mixed = gen(profile, 'swanctl');
    expect(lines(mixed.text)).toContain('    proposals = aes128-sha1-modp1024   # left out: sm4-sm3-group2 (strongSwan has no keyword for sm4, sm3)');
  });

  it('an empty PSK becomes a placeholder with a note; unknown addresses and lifetimes are commented and noted', () => {
    const profile = mirrorPeer({ ...policySingle(), IkeConfig: { ...policySingle().IkeConfig, Psk: '', IkeLifetime: NaN } }, {});
    const out = gen(profile, 'swanctl');
    const codes = out.notes.map((n) => [n.code, lines(out.text)[n.line - 1]!.trim()]);
    expect(codes).toEqual([
      ['peer.deviceAddressUnknown', "# local_addrs: the device's address is not known, strongSwan picks the outgoing one"],
      ['peer.cloudAddressUnknown', '# remote_addrs = <cloud address>   # not known: needed to initiate'],
      ['peer.lifetimeUnknown', "# rekey_time: the IKE lifetime is not known, strongSwan's default (4h) applies"],
      ['peer.pskPlaceholder', 'secret = "REPLACE-WITH-PRE-SHARED-KEY"'],
    ]);
    expect(strongswan.import(out.text, 'swanctl').profile.tunnels.single!.psk).toBe('');
  });

  it('a PSK strongSwan would read as hex or base64 is written as hex', () => {
    const profile = mirrorPeer({ ...policySingle(), IkeConfig: { ...policySingle().IkeConfig, Psk: '0xdead' } }, SINGLE_ADDR);
    expect(lines(gen(profile, 'swanctl').text)).toContain('    secret = 0x307864656164');
    expect(lines(gen(profile, 'ipsec.conf').text)).toContain('203.0.113.10 47.100.1.1 : PSK 0x307864656164');
  });

  it('notes two tunnels strongSwan cannot tell apart: same identities, different keys', () => {
    const c = dual();
    const same: DualTunnelConnection = {
      ...c,
      tunnels: [
        { ...c.tunnels[0], TunnelIkeConfig: { ...c.tunnels[0].TunnelIkeConfig, LocalId: 'cloud', RemoteId: 'cpe' } },
        { ...c.tunnels[1], TunnelIkeConfig: { ...c.tunnels[1].TunnelIkeConfig, LocalId: 'cloud', RemoteId: 'cpe' } },
      ],
    };
    for (const format of ['swanctl', 'ipsec.conf']) {
      const out = gen(mirrorPeer(same, DUAL_ADDR), format);
      expect(out.notes.map((n) => [n.code, n.params])).toEqual([['peer.sameIdentities', { tunnel: 'slave', other: 'master' }]]);
    }
  });
});

describe('ipsec.conf generator (golden)', () => {
  it('single, policy-based, with the ipsec.secrets lines after the separator', () => {
    const out = gen(mirrorPeer(policySingle(), SINGLE_ADDR), 'ipsec.conf');
    expect(out.notes).toEqual([]);
    expect(out.text).toBe(`# ipsec.conf for the customer device (strongSwan 5.9, ipsec starter), generated by IPsec Studio.
# "left" is this device, "right" is the Alibaba Cloud VPN gateway.

# Tunnel single: this device 203.0.113.10 <-> Alibaba Cloud 47.100.1.1
conn alibaba
    keyexchange=ikev2
    aggressive=no
    left=203.0.113.10
    leftid=203.0.113.10
    leftsubnet=192.168.10.0/24,192.168.20.0/24
    right=47.100.1.1
    rightid=47.100.1.1
    rightsubnet=10.1.1.0/24
    authby=secret
    ike=aes256-sha256-modp2048!
    esp=aes128-sha1-modp1024!
    ikelifetime=86400s
    lifetime=3600s
    dpdaction=restart
    dpddelay=10s
    # NAT traversal: strongSwan detects NAT itself and moves to UDP 4500; forceencaps=yes also encapsulates without NAT.
    forceencaps=yes
    type=tunnel
    auto=start

# --- /etc/ipsec.secrets ---
# Put the lines below into /etc/ipsec.secrets (not into ipsec.conf).
203.0.113.10 47.100.1.1 : PSK "S3cret#{x}"
`);
  });

  it('route-based is a VTI keyed by mark; BGP block; IKEv1 aggressive with FQDN ids and PFS off; short lifetimes get a margin', () => {
    const c = routeBgpDual();
    const v1: DualTunnelConnection = {
      ...c,
      tunnels: [
        {
          ...c.tunnels[0],
          TunnelIkeConfig: { ...c.tunnels[0].TunnelIkeConfig, IkeVersion: 'ikev1', IkeMode: 'aggressive', LocalId: 'gw.cloud.example', RemoteId: 'cpe.customer.example', IkeLifetime: 600 },
          TunnelIpsecConfig: { ...c.tunnels[0].TunnelIpsecConfig, IpsecPfs: 'disabled' },
        },
        c.tunnels[1],
      ],
    };
    const text = gen(mirrorPeer(v1, DUAL_ADDR), 'ipsec.conf').text;
    const master = text.slice(text.indexOf('conn alibaba-master'), text.indexOf('# Tunnel slave'));
    expect(lines(master)).toEqual([
      'conn alibaba-master',
      "    # BGP: strongSwan does not speak BGP; configure the device's routing daemon (FRR, BIRD, ...) with:",
      '    #   bgp-local-asn = 65531',
      '    #   bgp-local-address = 169.254.11.2',
      '    #   bgp-neighbor-address = 169.254.11.1',
      '    #   bgp-neighbor-asn = 65530',
      '    #   e.g. FRR: router bgp 65531 / neighbor 169.254.11.1 remote-as 65530',
      '    keyexchange=ikev1',
      '    aggressive=yes',
      '    left=203.0.113.10',
      '    leftid=cpe.customer.example',
      '    leftsubnet=0.0.0.0/0',
      '    right=47.21.0.1',
      '    rightid=gw.cloud.example',
      '    rightsubnet=0.0.0.0/0',
      '    authby=secret',
      '    ike=aes128-sha1-modp1024!',
      '    esp=aes128-sha1!',
      '    ikelifetime=600s',
      '    lifetime=86400s',
      '    margintime=200s   # rekey before these short lifetimes run out',
      '    dpdaction=restart',
      '    dpddelay=10s',
      '    # NAT traversal: strongSwan detects NAT itself and moves to UDP 4500; forceencaps=yes also encapsulates without NAT.',
      '    forceencaps=yes',
      '    # Route-based (VTI): traffic marked 1 uses this tunnel. Set charon { install_routes = no } in',
      '    # strongswan.conf, then on the device:',
      '    #   ip tunnel add vti-master local 203.0.113.10 remote 47.21.0.1 mode vti key 1',
      '    #   sysctl -w net.ipv4.conf.vti-master.disable_policy=1',
      '    #   ip addr add 169.254.11.2/30 dev vti-master',
      '    #   ip link set vti-master up',
      '    #   ip route add <cloud network> dev vti-master   (or let BGP install the routes)',
      '    mark=1',
      '    type=tunnel',
      '    auto=start',
      '',
      '',
    ]);
    expect(lines(text)).toContain('    mark=2');
    expect(lines(text)).toContain('    dpdaction=none');
    expect(lines(text)).toContain('    forceencaps=no');
    expect(text.endsWith('# --- /etc/ipsec.secrets ---\n# Put the lines below into /etc/ipsec.secrets (not into ipsec.conf).\ncpe.customer.example gw.cloud.example : PSK "123456ab1"\n47.42.0.1 47.21.0.2 : PSK "123456ab2"\n')).toBe(true);
  });

  it('SM gateway: commented ike=/esp= lines with a note each', () => {
    const out = gen(mirrorPeer(smSingle(), SINGLE_ADDR), 'ipsec.conf');
    expect(out.notes.map((n) => [n.code, lines(out.text)[n.line - 1]])).toEqual([
      ['peer.vendorCannot', '    # ike=sm4-sm3-group2!   # strongSwan has no keyword for sm4, sm3: this tunnel cannot be configured as is'],
      ['peer.vendorCannot', '    # esp=sm4-sm3-group2!   # strongSwan has no keyword for sm4, sm3: this tunnel cannot be configured as is'],
    ]);
  });

  it('is deterministic', () => {
    const profile = mirrorPeer(routeBgpDual(), DUAL_ADDR);
    for (const format of ['swanctl', 'ipsec.conf']) expect(gen(profile, format)).toEqual(gen(structuredClone(profile), format));
  });

  it('every note and remark code is worded in English and Chinese', () => {
    expect(Object.keys(PEER_VENDOR_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(PEER_VENDOR_MESSAGES.en).sort());
    for (const text of Object.values(PEER_VENDOR_MESSAGES['zh-CN'])) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const codesByLine = (remarks: { line: number; code: string }[]) => remarks.map((r) => `${r.line} ${r.code}`);

describe('swanctl.conf importer', () => {
  // A site-to-site configuration in the style of strongSwan's own examples, with things the profile cannot hold.
  const SAMPLE = `# /etc/swanctl/swanctl.conf on cpe-01
connections {
   alibaba-hz {
      version = 2
      local_addrs  = 198.51.100.7
      remote_addrs = 47.96.1.1, 47.96.1.2
      proposals = aes128-aes256-sha1-sha256-modp2048, aes256-sha256-prfsha384-ecp256
      rekey_time = 8h
      dpd_delay = 30s
      mobike = no
      vips = 0.0.0.0
      local {
         auth = psk
         id = @cpe-01.example.com
      }
      remote {
         auth = psk
         id = "47.96.1.1"   # the gateway's address
      }
      children {
         office {
            local_ts  = 192.168.1.0/24, 192.168.2.1
            remote_ts = 172.16.0.0/12[tcp/443]
            esp_proposals = aes256gcm16-modp2048,aes128-sha1
            rekey_time = 1h
            start_action = trap
            ipcomp = yes
         }
         voice {
            local_ts = 192.168.9.0/24
         }
      }
   }
}

secrets {
   ike-alibaba {
      id-cpe = cpe-01.example.com
      id-gw = 47.96.1.1
      secret = 0sU2gzNHJlZC1TM2NyZXQ=
   }
   eap-carol {
      secret = Ar3etTnp
   }
}

pools {
   rw { addrs = 10.3.0.0/24 }
}
`;

  it('reads a hand-written configuration and lists everything it did not understand, by line', () => {
    const { profile, remarks } = strongswan.import(SAMPLE, 'swanctl');
    expect(profile.source).toBe('import');
    expect(profile.tunnels.single).toEqual({
      deviceAddress: '198.51.100.7',
      cloudAddress: '47.96.1.1',
      ikeVersions: ['ikev2'],
      ikeMode: 'main',
      ikeProposals: [
        { encryption: 'aes', integrity: 'sha1', dhGroup: 'group14' },
        { encryption: 'aes', integrity: 'sha256', dhGroup: 'group14' },
        { encryption: 'aes256', integrity: 'sha1', dhGroup: 'group14' },
        { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' },
        { encryption: 'aes256', integrity: 'sha256', dhGroup: 'ecp256' },
      ],
      ipsecProposals: [
        { encryption: 'aes256gcm16', integrity: '', pfs: 'group14' },
        { encryption: 'aes', integrity: 'sha1', pfs: 'disabled' },
      ],
      ikeLifetime: 8 * 3600,
      ipsecLifetime: 3960,
      localId: 'cpe-01.example.com',
      remoteId: '47.96.1.1',
      localSubnets: ['192.168.1.0/24', '192.168.2.1/32'],
      remoteSubnets: ['172.16.0.0/12'],
      psk: 'Sh34red-S3cret',
      dpd: true,
      natTraversal: true,
      routeBased: false,
    });
    expect(codesByLine(remarks)).toEqual([
      '6 peer.import.notUnderstood', // a second remote address
      '10 peer.import.noEffect', // mobike: read, makes no difference to negotiating
      '11 peer.import.notUnderstood', // vips
      '23 peer.import.notUnderstood', // [tcp/443]
      '27 peer.import.notUnderstood', // ipcomp
      '29 peer.import.extraChild', // voice
      '42 peer.import.notUnderstood', // eap-carol
      '47 peer.import.notUnderstood', // pools
    ]);
    expect(remarks.find((r) => r.line === 11)).toMatchObject({ text: 'vips = 0.0.0.0' });
    expect(remarks.find((r) => r.line === 23)!.message).toContain('[tcp/443]');
  });

  it('default proposals, non-PSK authentication and unknown keywords are remarks; unset values take strongSwan defaults', () => {
    const text = `connections {
  home {
    remote_addrs = 47.1.1.1
    proposals = default
    local {
      auth = pubkey
      certs = cpe.pem
    }
    remote {
      auth = psk
      id = %any
    }
    children {
      net {
        esp_proposals = aes128-foo256
      }
    }
  }
}`;
    const { profile, remarks } = strongswan.import(text, 'swanctl');
    expect(codesByLine(remarks)).toEqual([
      '4 peer.import.defaultProposals',
      '6 peer.import.notUnderstood', // auth = pubkey
      '7 peer.import.notUnderstood', // certs
      '14 peer.import.notUnderstood', // no local_ts: the device's own address, which is not known
      '15 peer.import.unknownAlgorithm',
    ]);
    expect(profile.tunnels.single).toMatchObject({
      ikeVersions: ['ikev1', 'ikev2'],
      ikeProposals: [],
      ipsecProposals: [],
      ikeLifetime: 14400,
      ipsecLifetime: 3960,
      deviceAddress: '',
      localId: '',
      remoteId: '',
      localSubnets: [],
      remoteSubnets: ['47.1.1.1/32'],
      dpd: false,
      psk: '',
    });
    expect(remarks[4]!.message).toContain('foo256');
  });

  it('two connections are master and slave in order; a third is listed, not read', () => {
    const conn = (name: string, addr: string) =>
      `  ${name} {\n    remote_addrs = ${addr}\n    proposals = aes-sha1-modp1024\n    local { auth = psk }\n    remote { auth = psk }\n    children { c { local_ts = 10.0.0.0/24\n esp_proposals = aes-sha1 } }\n  }\n`;
    const text = `connections {\n${conn('b', '1.1.1.2')}${conn('a', '1.1.1.1')}${conn('c', '1.1.1.3')}}\n`;
    const { profile, remarks } = strongswan.import(text, 'swanctl');
    expect(Object.keys(profile.tunnels)).toEqual(['master', 'slave']);
    expect(profile.tunnels.master!.cloudAddress).toBe('1.1.1.2');
    expect(profile.tunnels.slave!.cloudAddress).toBe('1.1.1.1');
    expect(codesByLine(remarks)).toEqual(['18 peer.import.extraConnection']);
    expect(profile.tunnels.master!.remoteSubnets).toEqual(['1.1.1.2/32']);
  });

  it('garbage, a broken quote and unbalanced braces give remarks, never a throw', () => {
    for (const text of ['', 'hello world\nthis is not a config', '\u0000\u0001\u0002{{{{', 'connections = "open\n', '}}}', 'x'.repeat(5000), 'a\n'.repeat(500)]) {
      const result = strongswan.import(text, 'swanctl');
      expect(result.profile.tunnels).toEqual({});
      expect(result.remarks[0]!.code).toBe('peer.import.unreadable');
      expect(result.remarks.length).toBeLessThanOrEqual(21);
    }
    const broken = strongswan.import('connections {\n  a {\n    remote_addrs = 1.1.1.1\n', 'swanctl');
    // Both sections are left open (syntax); what was read of the connection is still listed.
    expect(codesByLine(broken.remarks)).toEqual(['1 peer.import.syntax', '2 peer.import.syntax', '2 peer.import.defaultProposals', '2 peer.import.notUnderstood', '2 peer.import.notUnderstood']);
    expect(broken.remarks[0]!.message).toContain('The section connections is not closed.');
    expect(strongswan.import('x', 'no-such-format').remarks[0]!.code).toBe('peer.import.unreadable');
  });
});

describe('ipsec.conf importer', () => {
  // A legacy configuration as found on many Linux routers: %default, a template with also=, ipsec.secrets pasted below.
  const SAMPLE = `# ipsec.conf - strongSwan IPsec configuration file
config setup
    charondebug="ike 2, knl 1"
    uniqueids=yes

conn %default
    keyexchange=ikev1
    ikelifetime=60m
    keylife=20m
    rekeymargin=3m
    keyingtries=1
    authby=secret

conn base
    left=%defaultroute
    leftid=@moon.strongswan.org
    leftsubnet=10.1.0.0/16
    dpdaction=hold
    dpddelay=30s

conn net-net
    also=base
    right=47.96.1.1
    rightsubnet=10.2.0.0/16,10.3.0.0/16
    ike=aes128-sha1-modp1024
    esp=3des-md5!
    leftcert=moonCert.pem
    compress=yes
    auto=start

conn old-site
    right=47.96.9.9
    auto=ignore

include /etc/ipsec.d/*.conf

# --- /etc/ipsec.secrets ---
moon.strongswan.org 47.96.1.1 : PSK "Mo0n'sec#ret"
: RSA moonKey.pem
`;

  it('reads %default, also= and the secrets; lists what it did not understand', () => {
    const { profile, remarks } = strongswan.import(SAMPLE, 'ipsec.conf');
    expect(Object.keys(profile.tunnels)).toEqual(['single']);
    expect(profile.tunnels.single).toEqual({
      deviceAddress: '',
      cloudAddress: '47.96.1.1',
      ikeVersions: ['ikev1'],
      ikeMode: 'main',
      ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' }],
      ipsecProposals: [{ encryption: '3des', integrity: 'md5', pfs: 'disabled' }],
      ikeLifetime: 3600,
      ipsecLifetime: 1200,
      localId: 'moon.strongswan.org',
      remoteId: '47.96.1.1',
      localSubnets: ['10.1.0.0/16'],
      remoteSubnets: ['10.2.0.0/16', '10.3.0.0/16'],
      psk: "Mo0n'sec#ret",
      dpd: true,
      natTraversal: true,
      routeBased: false,
    });
    expect(codesByLine(remarks)).toEqual([
      '11 peer.import.noEffect', // keyingtries (from %default)
      '25 peer.import.defaultProposals', // ike= without !
      '27 peer.import.notUnderstood', // leftcert
      '28 peer.import.notUnderstood', // compress
      '31 peer.import.notLoaded', // auto=ignore
      '35 peer.import.include',
      '39 peer.import.notUnderstood', // RSA
    ]);
  });

  it('reads back ipsec.secrets written as hex, and matches secrets by identity', () => {
    const text = `conn a\n    right=1.1.1.1\n    rightid=gw\n    leftid=cpe\n    authby=secret\n    ike=aes-sha1-modp1024!\n    esp=aes-sha1!\n    auto=add\n${'# --- /etc/ipsec.secrets ---'}\nother gw : PSK "wrong"\ncpe gw : PSK 0x6b6579\n: PSK "fallback"\n`;
    expect(strongswan.import(text, 'ipsec.conf').profile.tunnels.single!.psk).toBe('key');
  });

  it('garbage gives no tunnels and a remark, never a throw', () => {
    for (const text of ['', 'hello world', 'conn\n  =\n', '\u0000\u0001', '  left=1.1.1.1']) {
      const result = strongswan.import(text, 'ipsec.conf');
      expect(result.profile.tunnels).toEqual({});
      expect(result.remarks[0]!.code).toBe('peer.import.unreadable');
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

/**
 * What the round trip gives back: the mirrored profile, except `source` (import) and one thing strongSwan cannot
 * express: two tunnels whose identities make strongSwan pick the same secret get the first one's PSK (the generator
 * notes it, peer.sameIdentities).
 */
function expectedAfterImport(mirrored: PeerProfile, notes: { code: string; params?: Record<string, string | number> }[]): PeerProfile {
  const expected = structuredClone(mirrored);
  expected.source = 'import';
  for (const note of notes.filter((n) => n.code === 'peer.sameIdentities')) {
    const tunnel = expected.tunnels[note.params!.tunnel as PeerTunnelKey]!;
    tunnel.psk = expected.tunnels[note.params!.other as PeerTunnelKey]!.psk;
  }
  return expected;
}

const addressesFor = (connection: VpnConnection) =>
  fc
    .tuple(ipv4, ipv4, ipv4, fc.boolean())
    .map(([device, cloud1, cloud2, sameDevice]): PeerAddresses =>
      connection.mode === 'single'
        ? { single: { cloudAddress: cloud1, deviceAddress: device } }
        : { master: { cloudAddress: cloud1, deviceAddress: device }, slave: { cloudAddress: cloud2, deviceAddress: sameDevice ? device : cloud1 } },
    );

describe('round trip: connection → mirrorPeer → generate → import', () => {
  for (const format of ['swanctl', 'ipsec.conf']) {
    it(`${format}: equals the mirrored profile (200 random connections)`, () => {
      fc.assert(
        fc.property(
          anyConnection.chain((c) => addressesFor(c).map((a) => [c, a] as const)),
          ([connection, addresses]) => {
            const mirrored = mirrorPeer(connection, addresses);
            const out = gen(mirrored, format);
            const { profile, remarks } = strongswan.import(out.text, format);
            expect(remarks).toEqual([]);
            expect(profile).toEqual(expectedAfterImport(mirrored, out.notes));
            // The arbitraries' BGP connections have no PeerAsn (Describe-only), so the device ASN is unknown and noted.
            expect(out.notes.filter((n) => n.code !== 'peer.sameIdentities' && n.code !== 'peer.bgpAsnUnknown')).toEqual([]);
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  it('the same-identities case really happens in the property space and is handled as stated', () => {
    const c = dual();
    const same: DualTunnelConnection = {
      ...c,
      tunnels: [
        { ...c.tunnels[0], TunnelIkeConfig: { ...c.tunnels[0].TunnelIkeConfig, LocalId: 'x', RemoteId: 'y' } },
        { ...c.tunnels[1], TunnelIkeConfig: { ...c.tunnels[1].TunnelIkeConfig, LocalId: 'y', RemoteId: 'x' } },
      ],
    };
    const mirrored = mirrorPeer(same, DUAL_ADDR);
    const out = gen(mirrored, 'swanctl');
    const back = strongswan.import(out.text, 'swanctl').profile;
    expect(back.tunnels.slave!.psk).toBe('123456ab1');
    expect(back).toEqual(expectedAfterImport(mirrored, out.notes));
  });
});
