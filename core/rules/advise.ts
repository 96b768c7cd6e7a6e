// Warnings: things that are allowed and may be intended, but are usually a mistake. Unlike `validate`, nothing here
// blocks Apply or counts as an error; the editor shows them next to their field in a warning style.
import type { VpnConnection } from '../model/connection.ts';
import { issue, type RuleIssue } from './issue.ts';

/** Every warning code (messages in both languages in core/i18n): `advise`'s, and the judge's IKEv1 one
 * (request/judge.ts). The judge's other warnings are rule issues of fields a change leaves alone, with their codes. */
export const ADVICE_CODES = ['Advice.Tunnels.SameIkeIds', 'Advice.IkeV1.MultiSubnet'] as const;

/**
 * LocalId / RemoteId name the two ends of one tunnel (empty = the tunnel's own gateway IP / its customer gateway's
 * IP). A master and a slave carrying the same explicit pair usually means one tunnel's identities were copied onto
 * the other; the slave then fails to negotiate when its peer identifies itself differently.
 */
function sameTunnelIds(connection: VpnConnection): RuleIssue[] {
  if (connection.mode !== 'dual') return [];
  const [master, slave] = connection.tunnels.map((t) => t.TunnelIkeConfig);
  if (!master || !slave) return [];
  const { LocalId: localId, RemoteId: remoteId } = master;
  if (typeof localId !== 'string' || typeof remoteId !== 'string' || localId.trim() === '' || remoteId.trim() === '') return [];
  if (slave.LocalId !== localId || slave.RemoteId !== remoteId) return [];
  return [1, 2].map((n) => issue(`TunnelOptionsSpecification.${n}.TunnelIkeConfig.LocalId`, 'Advice.Tunnels.SameIkeIds', { localId, remoteId }));
}

/** Warnings for a connection (never throws: anything that is not a well-formed connection gets none). */
export function advise(connection: VpnConnection): RuleIssue[] {
  try {
    return [...sameTunnelIds(connection)];
  } catch {
    return [];
  }
}
