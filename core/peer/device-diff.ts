// The lines of a device's configuration to change, in its vendor's syntax. Without the keys, each distinct pre-shared
// key is written as a token of its own (`KEY-1-NOT-SHOWN`…), so a changed key is still a changed line: the vendors'
// placeholder alone would make old and new identical and the diff would say the key line stays.
import { diffLines } from 'diff';
import { PEER_TUNNEL_KEYS, type PeerProfile } from './profile.ts';
import type { GeneratedConfig, Vendor } from './vendor.ts';

export interface DeviceChange {
  kind: 'removed' | 'added';
  lines: string[];
}

export interface DeviceDiff {
  current: GeneratedConfig;
  target: GeneratedConfig;
  changes: DeviceChange[];
}

function withTokens(profile: PeerProfile, token: (psk: string) => string): PeerProfile {
  const tunnels: PeerProfile['tunnels'] = {};
  for (const key of PEER_TUNNEL_KEYS) {
    const t = profile.tunnels[key];
    if (t) tunnels[key] = { ...t, psk: t.psk === '' ? '' : token(t.psk) };
  }
  return { ...profile, tunnels };
}

const keysOf = (profile: PeerProfile): string[] => PEER_TUNNEL_KEYS.flatMap((k) => (profile.tunnels[k]?.psk ? [profile.tunnels[k].psk] : []));

export function deviceDiff(vendor: Vendor, current: PeerProfile, target: PeerProfile, options: { format: string; includeSecrets: boolean }): DeviceDiff {
  let shown = { current, target };
  if (!options.includeSecrets) {
    const byKey = new Map<string, string>();
    const token = (psk: string) => {
      if (!byKey.has(psk)) byKey.set(psk, `KEY-${byKey.size + 1}-NOT-SHOWN`);
      return byKey.get(psk)!;
    };
    shown = { current: withTokens(current, token), target: withTokens(target, token) };
  }
  const generate = (p: PeerProfile) => vendor.generate(p, { format: options.format, includeSecrets: true });
  const now = generate(shown.current);
  let next = generate(shown.target);
  if (!options.includeSecrets) {
    // The notes about the real keys (a length or a character the device refuses), never quoting a key.
    const keys = [...keysOf(target), ...keysOf(current)];
    const notes = generate(target).notes.filter((n) => !keys.some((k) => n.message.includes(k) || Object.values(n.params ?? {}).some((v) => String(v).includes(k))));
    next = { text: next.text, notes };
  }
  const changes = diffLines(now.text, next.text)
    .filter((part) => part.added || part.removed)
    .map((part): DeviceChange => ({ kind: part.added ? 'added' : 'removed', lines: part.value.replace(/\n$/, '').split('\n') }));
  return { current: now, target: next, changes };
}
