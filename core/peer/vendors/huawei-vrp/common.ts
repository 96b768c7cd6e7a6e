// What the Huawei VRP generator and importer agree on: object names, the placeholders the generator writes for what
// the profile does not know (the importer reads them back as unknown), and how a pre-shared key is written.
import { isIpv4 } from '../../../net/ipv4.ts';
import type { PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import { PSK_PLACEHOLDER } from '../generic.ts';

export const VENDOR_ID = 'huawei-vrp';
export const VENDOR_LABEL = 'Huawei VRP (USG / AR)';
export const FORMAT = 'vrp';

/** Per tunnel: IKE peer / IPsec profile name (≤ 15 characters), ACL number, policy sequence, tunnel interface. */
export const NAMES: Readonly<Record<PeerTunnelKey, { peer: string; acl: number; seq: number; tunnel: string }>> = {
  single: { peer: 'alibaba', acl: 3101, seq: 10, tunnel: 'Tunnel0/0/1' },
  master: { peer: 'alibaba1', acl: 3101, seq: 10, tunnel: 'Tunnel0/0/1' },
  slave: { peer: 'alibaba2', acl: 3102, seq: 20, tunnel: 'Tunnel0/0/2' },
};

/** The IPsec policy group every policy-based tunnel is an entry of, applied on the outside interface. */
export const POLICY_NAME = 'alibaba';
export const FIRST_IKE_PROPOSAL = 10;
export const OUTSIDE_INTERFACE = 'GigabitEthernet0/0/1';

/** Tokens written where the profile has no value (not valid VRP: the device refuses them until they are replaced). */
export const DEVICE_ASN = 'DEVICE-ASN';
export const CLOUD_ASN = 'CLOUD-ASN';
export const CLOUD_BGP_ADDRESS = 'CLOUD-BGP-ADDRESS';

export function ipsecProposalName(key: PeerTunnelKey, index: number): string {
  return `${NAMES[key].peer}-p${index + 1}`;
}

export function tunnelKeysToWrite(tunnels: Partial<Record<PeerTunnelKey, PeerTunnel>>, only?: readonly PeerTunnelKey[]): PeerTunnelKey[] {
  return (['single', 'master', 'slave'] as const).filter((key) => tunnels[key] !== undefined && (!only || only.includes(key)));
}

/** An identity of the address type (`local-id-type ip`); anything else is written as an FQDN. */
export const isAddressId = (id: string): boolean => isIpv4(id);

/** Key text VRP stores as cipher text (`%^%#…%^%#`, older `%@%@…` / `%$%$…`): the device would not read it as a plain key. */
export const ENCRYPTED_KEY = /^(%\^%#.*%\^%#|%@%@.*%@%@|%\$%\$.*%\$%\$)$/s;

export const MAX_PSK = 128;

/**
 * The key as the `pre-shared-key` command takes it: in double quotes when it holds `?` (otherwise the CLI's help
 * character) or a space; a key VRP cannot take at all comes back with the reason.
 */
export function pskArgument(psk: string): { text: string; problem?: string } {
  if (psk === '') return { text: PSK_PLACEHOLDER };
  const problems: string[] = [];
  if (psk.includes('"')) problems.push('a double quote');
  if ([...psk].length > MAX_PSK) problems.push(`more than ${MAX_PSK} characters`);
  if (ENCRYPTED_KEY.test(psk)) problems.push('the form of an encrypted key');
  if ([...psk].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) problems.push('a control character');
  const text = /[? ]/.test(psk) ? `"${psk}"` : psk;
  return problems.length > 0 ? { text, problem: problems.join(', ') } : { text };
}

/**
 * The key of a `pre-shared-key` line as written, '' for the generator's placeholder. Quotes around a key that holds
 * `?` or a space are not part of it (USG command reference); around any other key they are.
 */
export function readPsk(value: string): string {
  const quoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"') && /[? ]/.test(value.slice(1, -1));
  const text = quoted ? value.slice(1, -1) : value;
  return text === PSK_PLACEHOLDER ? '' : text;
}

/** A lifetime inside VRP's range: the value, or the nearest one VRP takes. */
export function clampLifetime(value: number, range: { min: number; max: number }): number {
  return Math.min(range.max, Math.max(range.min, Math.round(value)));
}

export const ASN_PATTERN = /^(\d{1,10}|\d{1,5}\.\d{1,5})$/;
