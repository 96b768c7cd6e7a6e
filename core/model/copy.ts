// Copying a section (a field group) from one tunnel to the other. LocalId / RemoteId identify a tunnel's two ends and
// TunnelCidr / LocalBgpIp address its BGP session: they almost never match across tunnels, so a section copy leaves
// them out unless the caller names them one by one. The pre-shared key is left out the same way, and copied only on
// an explicit choice.
import type { DualTunnelConnection, VpnType } from './connection.ts';
import { sameFieldValue } from './equality.ts';
import { flaggedFieldNames, getField, setField, TUNNEL_FIELDS, tunnelPrefix, type FieldGroup, type TunnelFieldDef } from './paths.ts';

/** Why a field stays behind in a section copy: it identifies or addresses one end (`identity`), or is a secret. */
export type CopyHold = 'identity' | 'secret';

const IDENTITY_LEAVES: ReadonlySet<string> = new Set(['LocalId', 'RemoteId', 'TunnelCidr', 'LocalBgpIp']);

/** Whether a field (any path form: `TunnelIkeConfig.LocalId`, `IkeConfig.Psk`, …) is held back from section copies. */
export function copyHold(path: string): CopyHold | null {
  const leaf = path.split('.').pop() ?? path;
  if (flaggedFieldNames('secret').has(leaf)) return 'secret';
  return IDENTITY_LEAVES.has(leaf) ? 'identity' : null;
}

export interface TunnelCopyField {
  /** Relative to the tunnel, e.g. `TunnelIkeConfig.LocalId`. */
  path: string;
  def: TunnelFieldDef;
  hold: CopyHold | null;
  /** The two tunnels hold different values: copying would change the target. */
  differs: boolean;
}

/** The fields of a group a tunnel section copy deals with: certificates only on SM gateways, as the editor shows. */
export function tunnelCopyFields(draft: DualTunnelConnection, group: FieldGroup, vpnType: VpnType): TunnelCopyField[] {
  return TUNNEL_FIELDS.filter((d) => d.group === group && (d.kind !== 'multiline' || vpnType === 'NationalStandard')).map((def) => ({
    path: def.path,
    def,
    hold: copyHold(def.path),
    differs: !sameFieldValue(def.kind, getField(draft.tunnels[0], def.path), getField(draft.tunnels[1], def.path)),
  }));
}

export interface TunnelCopyResult {
  draft: DualTunnelConnection;
  /** Relative paths whose value changed on the target tunnel. */
  copied: string[];
  /** Held-back fields (relative paths) whose values still differ between the tunnels. */
  leftOut: Array<{ path: string; hold: CopyHold }>;
}

/**
 * Copies a group's fields from tunnel `from` (0 = master, 1 = slave) to the other one. Fields held back
 * (`copyHold`) are copied only when listed in `include` (relative paths, e.g. `TunnelIkeConfig.Psk`).
 */
export function copyTunnelGroup(draft: DualTunnelConnection, group: FieldGroup, from: 0 | 1, vpnType: VpnType, include: Iterable<string> = []): TunnelCopyResult {
  const picked = new Set(include);
  const source = tunnelPrefix(from);
  const target = tunnelPrefix(from === 0 ? 1 : 0);
  let next = draft;
  const copied: string[] = [];
  const leftOut: TunnelCopyResult['leftOut'] = [];
  for (const field of tunnelCopyFields(draft, group, vpnType)) {
    if (!field.differs) continue;
    if (field.hold && !picked.has(field.path)) {
      leftOut.push({ path: field.path, hold: field.hold });
      continue;
    }
    next = setField(next, `${target}.${field.path}`, getField(draft, `${source}.${field.path}`));
    copied.push(field.path);
  }
  return { draft: next, copied, leftOut };
}
