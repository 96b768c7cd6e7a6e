// What the generator decides before it writes a line: each tunnel's IKE version, the IOS-XE keywords of its
// proposals, the global objects tunnels share (ISAKMP policies, IKEv2 proposals and policies, transform sets), the
// lifetimes IOS-XE accepts and the outside interface each tunnel leaves from.
import type { PeerIkeProposal, PeerIpsecProposal, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import { AEAD, type AlgorithmKind, type Context, keywordFor, LIFETIME, SM_NAMES } from './algorithms.ts';
import { BASE_NAMES, OUTSIDE_INTERFACES } from './common.ts';

export interface Dropped {
  /** The proposal in the profile's names, e.g. `sm4-sm3-group2`. */
  proposal: string;
  missing: string[];
  sm: boolean;
}

export interface IkeKeywords {
  encryption: string;
  /** '' for an AEAD cipher (IKEv2 only). */
  integrity: string;
  dh: string;
  names: string[];
}

export interface Ikev2Proposal extends IkeKeywords {
  name: string;
}

export interface IsakmpPolicy extends IkeKeywords {
  number: number;
  lifetime: number;
  /** The tunnels whose own proposals include this policy. */
  owners: PeerTunnelKey[];
}

export interface Ikev2Policy {
  name: string;
  /** `match address local`; '' when the policy serves every address. */
  address: string;
  proposals: string[];
  tunnels: PeerTunnelKey[];
}

export interface TransformSet {
  name: string;
  encryption: string;
  integrity: string;
  names: string[];
}

export interface Lifetime {
  value: number;
  /** The profile's value when it was out of IOS-XE's range. */
  clampedFrom?: number;
}

export interface TunnelPlan {
  key: PeerTunnelKey;
  tunnel: PeerTunnel;
  base: string;
  version: 'ikev1' | 'ikev2';
  /** The profile asked for both versions, or none: IKEv2 is written. */
  versionChosen: boolean;
  outside: string;
  mapName: string;
  mapSequence: number;
  ikeDropped: Dropped[];
  /** IKEv2 proposal names or ISAKMP policy numbers this tunnel's own proposals became. */
  ikeOwn: string[];
  ikeLifetime: Lifetime | undefined;
  transformSets: string[];
  espDropped: Dropped[];
  pfs: string | undefined;
  /** The PFS groups of the tunnel's proposals differ: only `pfs` is written. */
  pfsMixed: boolean;
  pfsUnknown: string | undefined;
  ipsecLifetime: Lifetime | undefined;
}

export interface Plan {
  tunnels: TunnelPlan[];
  ikev2Proposals: Ikev2Proposal[];
  ikev2Policies: Ikev2Policy[];
  isakmpPolicies: IsakmpPolicy[];
  transformSets: TransformSet[];
  outsides: { name: string; address: string; mapName: string }[];
}

export function tunnelKeysToWrite(profile: PeerProfile, only?: readonly PeerTunnelKey[]): PeerTunnelKey[] {
  return (['single', 'master', 'slave'] as const).filter((key) => profile.tunnels[key] !== undefined && (!only || only.includes(key)));
}

function clamp(value: number, range: { min: number; max: number }): Lifetime | undefined {
  if (!Number.isFinite(value)) return undefined;
  const rounded = Math.round(value);
  const within = Math.min(range.max, Math.max(range.min, rounded));
  return within === value ? { value } : { value: within, clampedFrom: value };
}

const shortName = (name: string) => (name === 'aes' ? 'AES128' : name.replace(/^group/, 'G').toUpperCase().replace(/[^A-Z0-9]/g, ''));

function keywords(parts: readonly { kind: AlgorithmKind; name: string }[], context: Context): { words: string[]; missing: string[] } {
  const words: string[] = [];
  const missing: string[] = [];
  for (const { kind, name } of parts) {
    if (name === '') {
      words.push('');
      continue;
    }
    const word = keywordFor(kind, name, context);
    if (word === undefined) missing.push(name);
    else words.push(word);
  }
  return { words, missing };
}

function dropped(names: readonly string[], missing: string[]): Dropped {
  return { proposal: names.filter((n) => n !== '').join('-'), missing, sm: missing.some((m) => SM_NAMES.has(m)) };
}

function ikeKeywords(p: PeerIkeProposal, context: 'ikev1' | 'ikev2'): IkeKeywords | Dropped {
  const names = [p.encryption, p.integrity, p.dhGroup];
  const aead = AEAD.has(p.encryption);
  const { words, missing } = keywords(
    [
      { kind: 'encryption', name: p.encryption },
      { kind: 'integrity', name: aead ? '' : p.integrity },
      { kind: 'dh', name: p.dhGroup },
    ],
    context,
  );
  // IKEv1 has no AEAD cipher and needs a hash; every IKE proposal needs a group.
  if (!aead && p.integrity === '') missing.push('(no integrity algorithm)');
  if (p.dhGroup === '') missing.push('(no DH group)');
  if (missing.length > 0) return dropped(names, missing);
  return { encryption: words[0]!, integrity: words[1]!, dh: words[2]!, names: names.filter((n) => n !== '') };
}

function espKeywords(p: PeerIpsecProposal): { encryption: string; integrity: string; names: string[] } | Dropped {
  const names = [p.encryption, p.integrity];
  const aead = AEAD.has(p.encryption);
  const { words, missing } = keywords(
    [
      { kind: 'encryption', name: p.encryption },
      { kind: 'integrity', name: aead ? '' : p.integrity },
    ],
    'esp',
  );
  if (missing.length > 0) return dropped([...names, p.pfs === 'disabled' ? '' : p.pfs], missing);
  return { encryption: words[0]!, integrity: words[1]!, names: names.filter((n) => n !== '') };
}

const isDropped = (x: object): x is Dropped => 'missing' in x;

/** Both versions (or none) → IKEv2: IOS-XE binds a peer to one IKE version. */
function versionOf(tunnel: PeerTunnel): { version: 'ikev1' | 'ikev2'; chosen: boolean } {
  const v1 = tunnel.ikeVersions.includes('ikev1');
  const v2 = tunnel.ikeVersions.includes('ikev2');
  return v1 && !v2 ? { version: 'ikev1', chosen: false } : { version: 'ikev2', chosen: !(v2 && !v1) };
}

export function makePlan(profile: PeerProfile, keys: readonly PeerTunnelKey[]): Plan {
  const plan: Plan = { tunnels: [], ikev2Proposals: [], ikev2Policies: [], isakmpPolicies: [], transformSets: [], outsides: [] };
  for (const key of keys) {
    const tunnel = profile.tunnels[key]!;
    const { version, chosen } = versionOf(tunnel);
    let outside = plan.outsides.find((o) => o.address === tunnel.deviceAddress);
    if (!outside) {
      const index = Math.min(plan.outsides.length, OUTSIDE_INTERFACES.length - 1);
      outside = { name: OUTSIDE_INTERFACES[index]!, address: tunnel.deviceAddress, mapName: index === 0 ? 'ALIYUN-MAP' : `ALIYUN-MAP-${index + 1}` };
      if (!plan.outsides.some((o) => o.name === outside!.name)) plan.outsides.push(outside);
    }
    const t: TunnelPlan = {
      key,
      tunnel,
      base: BASE_NAMES[key],
      version,
      versionChosen: chosen,
      outside: outside.name,
      mapName: outside.mapName,
      mapSequence: key === 'slave' ? 20 : 10,
      ikeDropped: [],
      ikeOwn: [],
      ikeLifetime: clamp(tunnel.ikeLifetime, version === 'ikev1' ? LIFETIME.ikev1 : LIFETIME.ikev2),
      transformSets: [],
      espDropped: [],
      pfs: undefined,
      pfsMixed: false,
      pfsUnknown: undefined,
      ipsecLifetime: clamp(tunnel.ipsecLifetime, LIFETIME.ipsec),
    };
    planIke(plan, t);
    planEsp(plan, t);
    plan.tunnels.push(t);
  }
  planIkev2Policies(plan);
  return plan;
}

function planIke(plan: Plan, t: TunnelPlan): void {
  for (const p of t.tunnel.ikeProposals) {
    const k = ikeKeywords(p, t.version);
    if (isDropped(k)) {
      t.ikeDropped.push(k);
      continue;
    }
    if (t.version === 'ikev2') {
      const name = `ALIYUN-IKE-${k.names.map(shortName).join('-')}`;
      if (!plan.ikev2Proposals.some((x) => x.name === name)) plan.ikev2Proposals.push({ ...k, name });
      if (!t.ikeOwn.includes(name)) t.ikeOwn.push(name);
    } else {
      const lifetime = t.ikeLifetime?.value ?? LIFETIME.ikev1.default;
      let policy = plan.isakmpPolicies.find((x) => x.encryption === k.encryption && x.integrity === k.integrity && x.dh === k.dh && x.lifetime === lifetime);
      if (!policy) {
        policy = { ...k, number: (plan.isakmpPolicies.length + 1) * 10, lifetime, owners: [] };
        plan.isakmpPolicies.push(policy);
      }
      if (!policy.owners.includes(t.key)) policy.owners.push(t.key);
      if (!t.ikeOwn.includes(String(policy.number))) t.ikeOwn.push(String(policy.number));
    }
  }
}

function planEsp(plan: Plan, t: TunnelPlan): void {
  const groups: string[] = [];
  for (const p of t.tunnel.ipsecProposals) {
    const k = espKeywords(p);
    if (isDropped(k)) {
      t.espDropped.push(k);
      continue;
    }
    const name = `ALIYUN-ESP-${k.names.map(shortName).join('-')}`;
    if (!plan.transformSets.some((x) => x.name === name)) plan.transformSets.push({ ...k, name });
    if (!t.transformSets.includes(name)) t.transformSets.push(name);
    if (!groups.includes(p.pfs)) groups.push(p.pfs);
  }
  const first = groups[0];
  t.pfsMixed = groups.length > 1;
  if (first === undefined || first === 'disabled' || first === '') return;
  const keyword = keywordFor('dh', first, 'esp');
  if (keyword === undefined) t.pfsUnknown = first;
  else t.pfs = keyword;
}

/** One IKEv2 policy per local address when the tunnels leave from different known addresses, else one for all. */
function planIkev2Policies(plan: Plan): void {
  const v2 = plan.tunnels.filter((t) => t.version === 'ikev2');
  if (v2.length === 0) return;
  const addresses = [...new Set(v2.map((t) => t.tunnel.deviceAddress))];
  const split = addresses.length > 1 && !addresses.includes('');
  const groups = split ? addresses.map((a) => v2.filter((t) => t.tunnel.deviceAddress === a)) : [v2];
  groups.forEach((members, i) => {
    const proposals = [...new Set(members.flatMap((t) => t.ikeOwn))];
    plan.ikev2Policies.push({
      name: i === 0 ? 'ALIYUN-IKEV2-POLICY' : `ALIYUN-IKEV2-POLICY-${i + 1}`,
      address: split ? members[0]!.tunnel.deviceAddress : '',
      proposals,
      tunnels: members.map((t) => t.key),
    });
  });
}
