// The printable change sheet: one page per connection with both ends' values before and after, the device
// configuration lines to change, and the step plan around the confirm window. Pure: it returns a self-contained HTML
// document (no script, no external resource) that main prints to PDF. Every value in it comes from drafts and device
// profiles, which may come from a bundle: all of it is escaped.
import { fieldLabel, sectionLabel, type Lang } from '../i18n/messages.ts';
import { changedFields } from '../model/changes.ts';
import type { VpnConnection } from '../model/connection.ts';
import { fieldDef, getField } from '../model/paths.ts';
import { addressesOfProfile } from '../peer/addresses.ts';
import { hasPeerField, peerFieldText } from '../peer/fields.ts';
import { deviceDiff } from '../peer/device-diff.ts';
import { deviceForDraft, mirrorPeer } from '../peer/mirror.ts';
import type { PeerProfile } from '../peer/profile.ts';
import { describeVendorCode, vendorById } from '../peer/vendors/index.ts';
import { SHEET_STRINGS, type SheetStrings } from './change-sheet-strings.ts';

export interface SheetConnection {
  RegionId: string;
  VpnConnectionId: string;
  /** The live connection the draft is measured against, and the draft. */
  base: VpnConnection;
  baseFetchedAt: string;
  draft: VpnConnection;
  /** The customer's device as known (null: none; its values are then the mirror of the cloud end). */
  peer: PeerProfile | null;
}

export interface ChangeSheetInput {
  connections: readonly SheetConnection[];
  profileName: string;
  note: string;
  createdAt: string;
  lang: Lang;
  /** PSKs written out (the user asked for them); otherwise a changed PSK reads "changed (hidden)". */
  includePsks: boolean;
  /** 0: no confirm window, the plan says there is no automatic rollback. */
  confirmWindowSeconds: number;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, k: string) => (Object.hasOwn(params, k) ? String(params[k]) : whole));

function label(path: string, lang: Lang): string {
  const tunnel = /^(TunnelOptionsSpecification\.[12])\./.exec(path)?.[1];
  return tunnel ? `${sectionLabel(tunnel, lang)} · ${fieldLabel(path, lang)}` : fieldLabel(path, lang);
}

const show = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

interface Row {
  path: string;
  before: string;
  after: string;
  secret: boolean;
}

function valueCell(row: Row, which: 'before' | 'after', s: SheetStrings, includePsks: boolean): string {
  if (row.secret && !includePsks) return which === 'after' ? `<em>${escapeHtml(`${s.pskChanged} ${s.pskHidden}`)}</em>` : '<em>••••••</em>';
  return `<span class="v">${escapeHtml(row[which])}</span>`;
}

function table(rows: readonly Row[], s: SheetStrings, input: ChangeSheetInput): string {
  const body = rows
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(label(row.path, input.lang))}</th><td>${valueCell(row, 'before', s, input.includePsks)}</td><td>${valueCell(row, 'after', s, input.includePsks)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${escapeHtml(s.field)}</th><th>${escapeHtml(s.before)}</th><th>${escapeHtml(s.after)}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function deviceSection(c: SheetConnection, paths: readonly string[], s: SheetStrings, input: ChangeSheetInput): string {
  const addresses = c.peer ? addressesOfProfile(c.peer) : {};
  const current = c.peer ?? mirrorPeer(c.base, addresses);
  const target = deviceForDraft(c.peer, c.base, c.draft, addresses);
  const rows: Row[] = paths
    .filter(hasPeerField)
    .map((path) => ({ path, before: peerFieldText(current, c.draft.mode, path) ?? '', after: peerFieldText(target, c.draft.mode, path) ?? '', secret: fieldDef(path)?.secret === true }))
    .filter((row) => row.secret || row.before !== row.after);
  const parts = [`<h3>${escapeHtml(s.deviceTitle)}</h3>`];
  if (!c.peer) parts.push(`<p class="muted">${escapeHtml(s.noDevice)}</p>`);
  parts.push(rows.length > 0 ? table(rows, s, input) : `<p>${escapeHtml(s.deviceValueSame)}</p>`);
  const vendor = c.peer ? vendorById(c.peer.vendor) : undefined;
  if (c.peer && vendor) {
    const format = vendor.formats[0]!;
    const { target: next, changes } = deviceDiff(vendor, c.peer, target, { format: format.id, includeSecrets: input.includePsks });
    parts.push(`<h4>${escapeHtml(s.deviceLinesTitle)}</h4><p class="muted">${escapeHtml(fill(s.deviceLinesIntro, { vendor: vendor.label, file: format.fileName }))}</p>`);
    if (changes.length === 0) parts.push(`<p>${escapeHtml(s.noDeviceLines)}</p>`);
    else {
      const lines = changes.flatMap((part) => part.lines.map((line) => `<span class="${part.kind === 'added' ? 'add' : 'del'}">${escapeHtml(`${part.kind === 'added' ? '+ ' : '- '}${line}`)}</span>`));
      parts.push(`<pre class="lines">${lines.join('\n')}</pre>`);
    }
    const noteText = (n: (typeof next.notes)[number]) => describeVendorCode(n.code, input.lang, n.params ?? {}) ?? n.message;
    if (next.notes.length > 0) parts.push(`<p class="muted">${escapeHtml(s.deviceNotes)}: ${[...new Set(next.notes.map(noteText))].map(escapeHtml).join(' · ')}</p>`);
  }
  return parts.join('');
}

function page(c: SheetConnection, index: number, s: SheetStrings, input: ChangeSheetInput): string {
  const paths = c.base.mode === c.draft.mode ? changedFields(c.base, c.draft).map((d) => d.path) : [];
  const cloudRows: Row[] = paths.map((path) => ({ path, before: show(getField(c.base, path)), after: show(getField(c.draft, path)), secret: fieldDef(path)?.secret === true }));
  const steps = (input.confirmWindowSeconds > 0 ? s.steps : s.stepsNoWindow).map((step) => `<li><span class="box"></span>${escapeHtml(fill(step, { seconds: input.confirmWindowSeconds }))}</li>`);
  return [
    '<section class="page">',
    `<p class="pageno">${escapeHtml(fill(s.page, { n: index + 1, count: input.connections.length }))}</p>`,
    `<h2>${escapeHtml(c.draft.Name || c.VpnConnectionId)}</h2>`,
    `<p class="ids">${escapeHtml(s.connection)}: <span class="v">${escapeHtml(c.VpnConnectionId)}</span> · ${escapeHtml(s.region)}: <span class="v">${escapeHtml(c.RegionId)}</span> · ${escapeHtml(s.baseRead)}: ${escapeHtml(c.baseFetchedAt)}</p>`,
    `<h3>${escapeHtml(s.cloudTitle)}</h3>`,
    table(cloudRows, s, input),
    deviceSection(c, paths, s, input),
    `<h3>${escapeHtml(s.stepsTitle)}</h3><ol class="steps">${steps.join('')}</ol>`,
    `<h4>${escapeHtml(s.rollbackTitle)}</h4><p>${escapeHtml(s.rollback)}</p>`,
    `<p class="sign">${escapeHtml(s.signature)}: ____________________________</p>`,
    '</section>',
  ].join('\n');
}

const STYLE = `
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.4 "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif; color: #111; margin: 0; }
header { border-bottom: 2px solid #111; margin-bottom: 8pt; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
h2 { font-size: 14pt; margin: 2pt 0; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; border-bottom: 1px solid #999; }
h4 { font-size: 10pt; margin: 8pt 0 3pt; }
.page { break-after: page; }
.page:last-of-type { break-after: auto; }
.pageno, .muted, .ids { color: #444; font-size: 9pt; margin: 2pt 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #888; padding: 3pt 5pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #eee; }
tbody th { font-weight: 600; width: 34%; }
.v, pre { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 9pt; }
pre.lines { border: 1px solid #888; padding: 4pt; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.add { color: #05570f; font-weight: 600; }
.del { color: #8a1010; text-decoration: line-through; }
blockquote { border-left: 3px solid #888; margin: 4pt 0; padding: 2pt 8pt; }
ol.steps { list-style: none; padding-left: 0; }
ol.steps li { margin: 3pt 0; counter-increment: step; }
ol.steps li::before { content: counter(step) ". "; font-weight: 600; }
.box { display: inline-block; width: 9pt; height: 9pt; border: 1px solid #111; margin-right: 5pt; vertical-align: -1pt; }
.sign { margin-top: 12pt; }
`;

/** The sheet as one HTML document, in the given language. */
export function changeSheetHtml(input: ChangeSheetInput): string {
  const s = SHEET_STRINGS[input.lang];
  const intro = fill(s.intro, { count: input.connections.length, date: input.createdAt, profile: input.profileName });
  const note = input.note.trim() === '' ? '' : `<p><strong>${escapeHtml(s.note)}:</strong></p><blockquote>${escapeHtml(input.note)}</blockquote>`;
  return [
    '<!doctype html>',
    `<html lang="${input.lang}"><head><meta charset="utf-8">`,
    // Nothing in the sheet runs or loads: it is printed as it stands.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(s.title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(s.title)}</h1><p class="muted">${escapeHtml(intro)}</p><p class="muted">${escapeHtml(s.mirrorExplain)}</p>${note}</header>`,
    ...input.connections.map((c, i) => page(c, i, s, input)),
    '</body></html>',
  ].join('\n');
}
