// Which fields the editor shows, in which sections and groups (API order), for a connection and its gateway type.
import { allowedValues, editableFields, TUNNEL_FIELDS, type EnumKey, type FieldDef, type FieldGroup, type TunnelFieldDef, type VpnConnection, type VpnType } from '../../../../core/index.ts';

export interface FieldSection {
  key: string;
  section: string;
  group: FieldGroup;
  defs: FieldDef[];
}

/** RemoteCaCertificate only matters on SM gateways; on normal ones it is shown only if a value exists somewhere. */
export function visible(def: Pick<FieldDef, 'path' | 'kind'>, vpnType: VpnType, values: unknown[]): boolean {
  if (def.kind !== 'multiline' || vpnType === 'NationalStandard') return true;
  return values.some((v) => typeof v === 'string' && v !== '');
}

export function sectionsFor(mode: VpnConnection['mode'], vpnType: VpnType, valueOf: (path: string) => unknown[]): FieldSection[] {
  const sections = new Map<string, FieldSection>();
  for (const def of editableFields(mode)) {
    if (!visible(def, vpnType, valueOf(def.path))) continue;
    const key = `${def.section}|${def.group}`;
    let s = sections.get(key);
    if (!s) {
      s = { key, section: def.section, group: def.group, defs: [] };
      sections.set(key, s);
    }
    s.defs.push(def);
  }
  return [...sections.values()];
}

export const TUNNEL_GROUPS: readonly FieldGroup[] = ['Tunnel', 'IKE', 'IPsec', 'BGP'];

export function tunnelDefs(group: FieldGroup, vpnType: VpnType, valueOf: (relative: string) => unknown[]): TunnelFieldDef[] {
  return TUNNEL_FIELDS.filter((d) => d.group === group && visible(d, vpnType, valueOf(d.path)));
}

/** Allowed values of an enum field on this gateway type (by the leaf key, e.g. IkeEncAlg). */
export function allowedFor(def: Pick<FieldDef, 'path' | 'kind'>, vpnType: VpnType): readonly string[] | undefined {
  if (def.kind !== 'enum') return undefined;
  const leaf = def.path.split('.').pop() as EnumKey;
  return allowedValues(leaf, vpnType);
}
