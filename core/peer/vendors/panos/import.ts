// PAN-OS `set` commands (what the generator writes, and what a firewall prints with `set cli config-output-format
// set` + `show`) → peer profile. Each IPsec tunnel with an IKE gateway is a tunnel of the profile, in order of
// appearance; its gateway, crypto profiles, proxy IDs, tunnel interface and the BGP peer on that interface are read
// through their names (import-read.ts). Defaults where the text says nothing are the PAN-OS schema's: IKEv1,
// exchange mode auto, DPD and NAT-T off, the crypto profiles named `default`, IKE lifetime 8 h, IPsec 1 h, PFS group2.
import type { PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { ImportResult } from '../../vendor.ts';
import { blankTunnel, vendorRemark } from '../generic.ts';
import { DEFAULT_IKE_LIFETIME, DEFAULT_IPSEC_LIFETIME } from './algorithms.ts';
import { type ConfigObject, parseConfig, type ParsedConfig } from './import-model.ts';
import { ikeProposals, ipsecProposals, MAX_REMARKS, readBgp, readGateway, readSelectors, Remarks, seconds } from './import-read.ts';
import { PANOS_MESSAGES } from './messages.ts';
import { PANOS_LABEL } from './names.ts';

const MAX_TEXT = 1024 * 1024;

const emptyProfile = (): PeerProfile => ({ vendor: 'panos', platform: '', source: 'import', tunnels: {} });

const emptyTunnel = (): PeerTunnel => blankTunnel({ ikeVersions: ['ikev1'], ikeLifetime: DEFAULT_IKE_LIFETIME, ipsecLifetime: DEFAULT_IPSEC_LIFETIME, natTraversal: false });

/** A crypto profile by name; its unread lines are listed, a missing one is named in a remark. */
function profileNamed(map: Map<string, ConfigObject>, name: string, line: number, remarks: Remarks): ConfigObject | undefined {
  const profile = map.get(name);
  if (!profile) remarks.at(line, 'peer.vendor.import.unresolved', { name });
  remarks.unknownLinesOf(profile);
  return profile;
}

function readTunnel(config: ParsedConfig, object: ConfigObject, remarks: Remarks): PeerTunnel {
  const tunnel = emptyTunnel();
  remarks.unknownLinesOf(object);
  const gateways = object.all(['auto-key', 'ike-gateway', '*']);
  if (gateways.length > 1) remarks.at(gateways[1]!.line, 'peer.vendor.import.notUnderstood');
  const gatewayName = gateways[0]!.path[2]!;
  const gateway = config.objects.gateway.get(gatewayName);
  if (!gateway) remarks.at(gateways[0]!.line, 'peer.vendor.import.unresolved', { name: gatewayName });
  else {
    const { ikeProfile, line } = readGateway(gateway, tunnel, remarks);
    const ike = profileNamed(config.objects.ike, ikeProfile, line, remarks);
    if (ike) {
      tunnel.ikeProposals = ikeProposals(ike, remarks);
      tunnel.ikeLifetime = seconds(ike, DEFAULT_IKE_LIFETIME, remarks);
    }
  }
  const ipsecRef = object.last(['auto-key', 'ipsec-crypto-profile']);
  const ipsec = profileNamed(config.objects.ipsec, ipsecRef?.values[0] ?? 'default', ipsecRef?.line ?? object.line, remarks);
  if (ipsec) {
    tunnel.ipsecProposals = ipsecProposals(ipsec, remarks);
    tunnel.ipsecLifetime = seconds(ipsec, DEFAULT_IPSEC_LIFETIME, remarks);
  }
  readSelectors(object, tunnel, remarks);
  const unit = object.value(['tunnel-interface']);
  const bgp = unit === undefined ? undefined : readBgp(config, unit, remarks);
  if (bgp) tunnel.bgp = bgp;
  return tunnel;
}

function importUnsafe(text: string): ImportResult {
  const lines = text.slice(0, MAX_TEXT).split('\n');
  const remarks = new Remarks(lines);
  const config = parseConfig(lines);
  for (const problem of config.problems) remarks.at(problem.line, problem.code);
  const profile = emptyProfile();
  const ipsecTunnels = [...config.objects.tunnel.values()];
  const withGateway = ipsecTunnels.filter((t) => t.all(['auto-key', 'ike-gateway', '*']).length > 0);
  for (const other of ipsecTunnels.filter((t) => !withGateway.includes(t))) remarks.at(other.line, 'peer.vendor.import.notUnderstood');
  const keys: PeerTunnelKey[] = withGateway.length === 1 ? ['single'] : ['master', 'slave'];
  withGateway.forEach((object, i) => {
    const key = keys[i];
    if (key) profile.tunnels[key] = readTunnel(config, object, remarks);
    else remarks.at(object.line, 'peer.vendor.import.extraTunnel');
  });
  const sorted = remarks.list.sort((a, b) => a.line - b.line);
  if (withGateway.length > 0) return { profile, remarks: sorted };
  const first = lines.findIndex((l) => l.trim() !== '');
  const head = [vendorRemark(PANOS_LABEL, PANOS_MESSAGES, first + 1 || 1, lines[first] ?? '', 'peer.vendor.import.unreadable')];
  if (config.braceLines > 0 && config.setLines === 0) head.push(vendorRemark(PANOS_LABEL, PANOS_MESSAGES, first + 1 || 1, lines[first] ?? '', 'peer.panos.import.hierarchical'));
  return { profile, remarks: [...head, ...sorted].slice(0, MAX_REMARKS) };
}

/** Never throws: text that holds no tunnel gives a profile without tunnels and a remark saying why. */
export function importPanos(text: string): ImportResult {
  try {
    return importUnsafe(text);
  } catch (error) {
    const remark = vendorRemark(PANOS_LABEL, PANOS_MESSAGES, 1, '', 'peer.vendor.import.unreadable');
    return { profile: emptyProfile(), remarks: [{ ...remark, message: `${remark.message} (${error instanceof Error ? error.message : String(error)})` }] };
  }
}
