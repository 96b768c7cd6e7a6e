// A change as a bash script of aliyun CLI commands, one ModifyVpnConnectionAttribute per connection, sending the very
// requests the engine would (requests.ts). PSKs never appear: each is a reference to an environment variable the
// script checks before it sends anything, spliced into the JSON argument with shell quoting so the argument is the
// request's JSON byte for byte once the variable is set. Everything else is single-quoted (core/request/aliyun-cli.ts).
import { getField } from '../model/paths.ts';
import { shellQuote } from '../request/aliyun-cli.ts';
import { tunnelIndexFor } from '../request/apply-request.ts';
import { toWire } from '../request/wire.ts';
import { exportEntries, type ExportChange, type ExportEntry } from './requests.ts';

/** One PSK the script needs: the variable, the connection it belongs to and the model path of its value. */
export interface PskVariable {
  variable: string;
  VpnConnectionId: string;
  Name: string;
  /** `IkeConfig.Psk` or `TunnelOptionsSpecification.<n>.TunnelIkeConfig.Psk` (n = 1 master, 2 slave). */
  path: string;
  /** The draft changes this key; otherwise it is sent because its group is (the service would replace an omitted one). */
  changed: boolean;
}

type Segment = { text: string } | { variable: string };

const TUNNEL_PSK = /^TunnelOptionsSpecification\.(\d+)\.TunnelIkeConfig\.Psk$/;

/** Always quoted: a JSON fragment may start or end with anything. */
const singleQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** For comments and the `${VAR:?message}` text: letters, digits and a few marks only, so nothing in it expands or ends a line. */
const plainWords = (text: string): string => text.replace(/[^\p{L}\p{N} ._-]/gu, '_');

const renderSegments = (segments: readonly Segment[]): string => {
  if (segments.every((s) => 'text' in s)) return shellQuote(segments.map((s) => ('text' in s ? s.text : '')).join(''));
  return segments.map((s) => ('text' in s ? (s.text === '' ? '' : singleQuote(s.text)) : `"$${s.variable}"`)).join('');
};

class VariableNames {
  private readonly used = new Set<string>();
  readonly variables: PskVariable[] = [];

  add(entry: ExportEntry, path: string, tunnel: number | undefined): string {
    const { live, draft } = entry.change;
    const base = `PSK_${draft.VpnConnectionId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}${tunnel === undefined ? '' : `_${tunnel}`}`;
    let variable = base;
    for (let k = 2; this.used.has(variable); k++) variable = `${base}_${k}`;
    this.used.add(variable);
    this.variables.push({ variable, VpnConnectionId: draft.VpnConnectionId, Name: draft.Name, path, changed: getField(live, path) !== getField(draft, path) });
    return variable;
  }
}

/** The JSON group with its Psk value spliced from a variable; the rest is JSON.stringify's own text, so the result parses the same. */
function jsonWithPsk(json: string, variable: () => string): Segment[] {
  const parsed: unknown = JSON.parse(json);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !('Psk' in parsed)) return [{ text: json }];
  const segments: Segment[] = [];
  let text = '{';
  Object.entries(parsed).forEach(([key, value], i) => {
    text += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    if (key !== 'Psk') {
      text += JSON.stringify(value);
      return;
    }
    segments.push({ text: `${text}"` }, { variable: variable() });
    text = '"';
  });
  segments.push({ text: `${text}}` });
  return segments;
}

function command(entry: ExportEntry, names: VariableNames): string[] {
  const { query, body } = toWire(entry.request);
  const lines = ['aliyun vpc ModifyVpnConnectionAttribute'];
  for (const [key, value] of [...Object.entries(query), ...Object.entries(body)]) {
    const tunnel = TUNNEL_PSK.exec(key);
    let segments: Segment[];
    if (tunnel) {
      // The wire index is the element's place in the request (an untouched tunnel is not sent); the variable and the
      // model path name the tunnel itself (1 master, 2 slave).
      const element = entry.request.TunnelOptionsSpecification?.[Number(tunnel[1]) - 1];
      const draft = entry.change.draft;
      const index = element && draft.mode === 'dual' ? tunnelIndexFor(draft, element) + 1 : Number(tunnel[1]);
      segments = [{ variable: names.add(entry, `TunnelOptionsSpecification.${index}.TunnelIkeConfig.Psk`, index) }];
    }
    else if (key === 'IkeConfig') segments = jsonWithPsk(value, () => names.add(entry, 'IkeConfig.Psk', undefined));
    else segments = [{ text: value }];
    lines.push(`  --${key} ${renderSegments(segments)}`);
  }
  return lines;
}

const describe = (v: PskVariable): string => {
  const tunnel = TUNNEL_PSK.exec(v.path);
  const which = tunnel ? `tunnel ${tunnel[1]} (${tunnel[1] === '1' ? 'master' : 'slave'}) of ` : '';
  return `${which}${plainWords(v.VpnConnectionId)} (${plainWords(v.Name)})`;
};

/** The script and the variables it needs (for a dialog that lists them). */
export function aliyunCliExport(changes: ReadonlyArray<ExportChange>): { script: string; variables: PskVariable[] } {
  const entries = exportEntries(changes);
  const names = new VariableNames();
  const commands = entries.map((entry, i) => {
    const { RegionId, draft } = entry.change;
    return [`# ${i + 1}/${entries.length}: ${plainWords(draft.VpnConnectionId)} ${JSON.stringify(draft.Name)} in ${plainWords(RegionId)}`, command(entry, names).join(' \\\n')].join('\n');
  });
  const vars = names.variables;
  const header = [
    '#!/usr/bin/env bash',
    `# ModifyVpnConnectionAttribute for ${entries.length} IPsec connection(s), one command each, exported by IPsec Studio.`,
    ...(vars.length === 0
      ? ['# No pre-shared key is sent.']
      : [
          '# Pre-shared keys are not in this file. Set each variable below before running, e.g. read -rs NAME && export NAME',
          ...vars.map((v) => `#   ${v.variable}: the ${v.changed ? 'new' : 'current (unchanged)'} key of ${describe(v)}`),
        ]),
    'set -euo pipefail',
  ];
  // Every key is checked before the first command, so a missing one stops the script before anything is sent.
  const checks =
    vars.length === 0
      ? []
      : [
          '',
          ...vars.map((v) => `: "\${${v.variable}:?set ${v.variable} to the ${v.changed ? 'new' : 'current'} key of ${describe(v)}}"`),
          // A key is spliced into a JSON string: a double quote or backslash (no valid PSK has one) would change the JSON.
          `psk_ok() { case "$2" in *'"'* | *'\\'*) printf '%s: a pre-shared key may not contain a double quote or a backslash\\n' "$1" >&2; exit 1 ;; esac; }`,
          ...vars.map((v) => `psk_ok ${v.variable} "$${v.variable}"`),
        ];
  const body = commands.length === 0 ? ['', '# Nothing to send: no draft changes its connection.'] : commands.flatMap((c) => ['', c]);
  return { script: `${[...header, ...checks, ...body].join('\n')}\n`, variables: vars };
}

export function aliyunCliScript(changes: ReadonlyArray<ExportChange>): string {
  return aliyunCliExport(changes).script;
}
