// Field-level diff between two connection states (live vs draft, connection vs connection) or two tunnels.
// Rows follow the API's grouping so the side-by-side editor and the preview can show them in the same order.
import { diffLines } from 'diff';
import type { TunnelOptions, VpnConnection } from '../model/connection.ts';
import { sameFieldValue } from '../model/equality.ts';
import { DUAL_TUNNEL_FIELDS, editableFields, getField, SINGLE_TUNNEL_FIELDS, TUNNEL_FIELDS, type FieldDef, type FieldGroup, type FieldKind, type Impact } from '../model/paths.ts';

export interface LinePart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface DiffRow {
  path: string;
  group: FieldGroup;
  section: string;
  kind: FieldKind;
  impact: readonly Impact[];
  secret: boolean;
  /** Display text; secrets are masked unless revealSecrets was set. '' = absent / unset. */
  before: string;
  after: string;
  /** Line-by-line changes for multi-line values (certificates). */
  lines?: LinePart[];
}

export interface DiffOptions {
  revealSecrets?: boolean;
}

export const MASK = '••••••••';

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

function rowFor(def: Pick<FieldDef, 'path' | 'group' | 'section' | 'kind' | 'impact' | 'secret'>, a: unknown, b: unknown, options: DiffOptions): DiffRow | undefined {
  if (sameFieldValue(def.kind, a, b)) return undefined;
  const secret = def.secret === true;
  const hide = secret && !options.revealSecrets;
  const row: DiffRow = {
    path: def.path,
    group: def.group,
    section: def.section,
    kind: def.kind,
    impact: def.impact,
    secret,
    before: hide && display(a) !== '' ? MASK : display(a),
    after: hide && display(b) !== '' ? MASK : display(b),
  };
  if (def.kind === 'multiline') {
    row.lines = diffLines(display(a), display(b)).map((c) => ({ value: c.value, added: c.added, removed: c.removed }));
  }
  return row;
}

/**
 * Changed fields from `before` to `after`. Same-mode connections compare their editable fields; connections of
 * different modes compare the shared fields plus a `mode` row, and list each side's own fields as added/removed.
 */
export function diffConnections(before: VpnConnection, after: VpnConnection, options: DiffOptions = {}): DiffRow[] {
  const defs =
    before.mode === after.mode
      ? editableFields(after.mode)
      : [...new Map([...SINGLE_TUNNEL_FIELDS, ...DUAL_TUNNEL_FIELDS].map((d) => [d.path, d])).values()];
  const rows: DiffRow[] = [];
  if (before.mode !== after.mode) {
    rows.push({ path: 'mode', group: 'General', section: 'General', kind: 'text', impact: ['renegotiates', 'routing'], secret: false, before: before.mode, after: after.mode });
  }
  for (const def of defs) {
    const row = rowFor(def, getField(before, def.path), getField(after, def.path), options);
    if (row) rows.push(row);
  }
  return rows;
}

/** Tunnel vs tunnel (e.g. master vs slave before "copy this section to the other tunnel"); paths are relative. */
export function diffTunnels(before: TunnelOptions, after: TunnelOptions, options: DiffOptions = {}): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const def of TUNNEL_FIELDS) {
    const row = rowFor({ ...def, section: 'Tunnel' }, getField(before, def.path), getField(after, def.path), options);
    if (row) rows.push(row);
  }
  return rows;
}

export interface DiffSection {
  section: string;
  group: FieldGroup;
  rows: DiffRow[];
}

/** Rows bucketed by (section, group) in the order they first appear. */
export function groupDiffRows(rows: readonly DiffRow[]): DiffSection[] {
  const sections = new Map<string, DiffSection>();
  for (const row of rows) {
    const key = `${row.section}|${row.group}`;
    let s = sections.get(key);
    if (!s) {
      s = { section: row.section, group: row.group, rows: [] };
      sections.set(key, s);
    }
    s.rows.push(row);
  }
  return [...sections.values()];
}

export interface ImpactSummary {
  renegotiates: boolean;
  routing: boolean;
  /** Both tunnels of a dual-tunnel connection change at once: no standby while they renegotiate. */
  bothTunnels: boolean;
  harmlessOnly: boolean;
}

export function summarizeImpact(rows: readonly DiffRow[]): ImpactSummary {
  const renegotiates = rows.some((r) => r.impact.includes('renegotiates'));
  const routing = rows.some((r) => r.impact.includes('routing'));
  const tunnelSections = new Set(rows.filter((r) => r.section.startsWith('TunnelOptionsSpecification.') && r.impact.includes('renegotiates')).map((r) => r.section));
  return { renegotiates, routing, bothTunnels: tunnelSections.size === 2, harmlessOnly: rows.length > 0 && !renegotiates && !routing };
}
