// Three-way merge for the offline reconcile flow: `base` is the live snapshot the draft started from, `draft` the
// user's edits, `live` what the cloud holds now. Per editable field:
//   draft == base            → take live (someone else's change, or no change at all)
//   live == base             → take draft (only we changed it)
//   draft == live            → take it (both made the same change)
//   otherwise                → conflict with base, draft and live values; the merged result keeps the draft's
//                              value so nothing the user typed is lost until they resolve it.
// Read-only status fields always come from live: they describe the cloud now.
import type { VpnConnection } from '../model/connection.ts';
import { sameFieldValue } from '../model/equality.ts';
import { editableFields, getField, setField } from '../model/paths.ts';

export interface MergeConflict {
  path: string;
  base: unknown;
  draft: unknown;
  live: unknown;
}

export type MergeResult =
  | { ok: true; merged: VpnConnection; conflicts: MergeConflict[] }
  /** The connection changed mode or identity under the draft: nothing can be merged field by field. */
  | { ok: false; reason: 'modeChanged' | 'connectionChanged' };

export function mergeThreeWay(base: VpnConnection, draft: VpnConnection, live: VpnConnection): MergeResult {
  if (base.VpnConnectionId !== live.VpnConnectionId || draft.VpnConnectionId !== live.VpnConnectionId) return { ok: false, reason: 'connectionChanged' };
  if (base.mode !== live.mode || draft.mode !== live.mode) return { ok: false, reason: 'modeChanged' };
  const liveUnchanged = editableFields(live.mode).every((d) => sameFieldValue(d.kind, getField(base, d.path), getField(live, d.path)));
  // Nothing moved in the cloud: the draft is the answer as it stands (same object, no copy).
  if (liveUnchanged) return { ok: true, merged: draft, conflicts: [] };
  let merged: VpnConnection = live;
  const conflicts: MergeConflict[] = [];
  for (const def of editableFields(live.mode)) {
    const b = getField(base, def.path);
    const d = getField(draft, def.path);
    const l = getField(live, def.path);
    if (sameFieldValue(def.kind, d, b) || sameFieldValue(def.kind, d, l)) continue; // live value already in `merged`
    if (!sameFieldValue(def.kind, l, b)) conflicts.push({ path: def.path, base: b, draft: d, live: l });
    merged = setField(merged, def.path, d);
  }
  return { ok: true, merged, conflicts };
}

/** Resolves one conflict by picking a side. */
export function resolveConflict(merged: VpnConnection, conflict: MergeConflict, side: 'draft' | 'live'): VpnConnection {
  return setField(merged, conflict.path, side === 'draft' ? conflict.draft : conflict.live);
}
