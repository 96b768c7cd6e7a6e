// Drafts leaving and entering the app: the plain draft file (secrets left out, core/draft-file.ts) and the drafts a
// hand-off bundle carries (secrets inside). Split from drafts.ts, whose record keeping it uses through `DraftIo`.
import type { DraftRecord } from '../../core/contract.ts';
import { DRAFT_FILE_FORMAT, DRAFT_FILE_VERSION, readDraftFile, type DraftFile } from '../../core/draft-file.ts';
import { AppError } from '../../core/errors.ts';
import { getField, mergeThreeWay, setField, type VpnConnection } from '../../core/index.ts';
import { sameIdentity, secretPaths } from './draft-shape.ts';
import type { ProfilesService } from './profiles.ts';

/** A draft as a bundle carries it (its PSKs inside; `needsSecrets`: the keys its sender changed that did not travel). */
export interface BundledHead {
  RegionId: string;
  base: VpnConnection;
  draft: VpnConnection;
  baseFetchedAt: string;
  needsSecrets?: string[];
}

/** The parts of the drafts service the transfers build on. */
export interface DraftIo {
  now(): string;
  profiles: Pick<ProfilesService, 'active'>;
  get(draftId: string): DraftRecord;
  openDraftOf(profileId: string, VpnConnectionId: string): DraftRecord | null;
  liveConnection(profileId: string, RegionId: string, VpnConnectionId: string): Promise<{ connection: VpnConnection; fetchedAt: string }>;
  create(profileId: string, RegionId: string, base: VpnConnection, draft: VpnConnection, baseFetchedAt: string, needsSecrets?: string[]): DraftRecord;
  update(r: DraftRecord, patch: Partial<DraftRecord>): DraftRecord;
  requireEditable(r: DraftRecord): void;
}

export function createDraftTransfer(io: DraftIo) {
  const { get, openDraftOf, liveConnection, create, update, requireEditable } = io;
  const deps = io;
  return {
    exportFile(draftId: string): { fileName: string; content: string } {
      const r = get(draftId);
      const omittedSecrets = secretPaths(r.draft).map((path) => ({ path, changed: getField(r.base, path) !== getField(r.draft, path) }));
      const strip = (c: VpnConnection) => secretPaths(c).reduce<VpnConnection>((acc, path) => setField(acc, path, ''), c);
      const file: DraftFile = {
        format: DRAFT_FILE_FORMAT,
        schemaVersion: DRAFT_FILE_VERSION,
        exportedAt: deps.now(),
        draft: {
          RegionId: r.RegionId,
          VpnConnectionId: r.VpnConnectionId,
          VpnGatewayId: r.VpnGatewayId,
          base: strip(r.base),
          baseFetchedAt: r.baseFetchedAt,
          draft: strip(r.draft),
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
        },
        omittedSecrets,
      };
      const safeName = r.draft.Name.replace(/[^\w.-]+/g, '_').slice(0, 40) || 'draft';
      return { fileName: `${r.VpnConnectionId}-${safeName}.ipsec-draft.json`, content: JSON.stringify(file, null, 2) };
    },
    async importFile(content: string): Promise<DraftRecord> {
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        throw new AppError('Draft.ImportMalformed', 'The file is not JSON.', 'content');
      }
      const checked = readDraftFile(parsed);
      if (!checked.ok) throw new AppError(checked.code, checked.message, 'content');
      const head = checked.file.draft;
      const RegionId = head.RegionId;
      let baseConn = head.base as VpnConnection;
      let draftConn = head.draft as VpnConnection;
      if (sameIdentity(baseConn, draftConn)) throw new AppError('Draft.ImportMalformed', 'Base and draft describe different connections.', 'content');
      // The record is keyed by the connection inside the draft; the file's own ids must agree with it, or the
      // one-open-draft-per-connection check below would look at a different connection than the one imported.
      if ((head.VpnConnectionId !== undefined && head.VpnConnectionId !== draftConn.VpnConnectionId) || (head.VpnGatewayId !== undefined && head.VpnGatewayId !== draftConn.VpnGatewayId)) {
        throw new AppError('Draft.ImportMalformed', 'The draft file names a different connection than the draft it holds.', 'content');
      }
      const profileId = deps.profiles.active().profileId;
      if (openDraftOf(profileId, draftConn.VpnConnectionId)) {
        throw new AppError('Draft.AlreadyOpen', `There is already a draft for ${draftConn.VpnConnectionId}; apply or discard it before importing another.`, 'content');
      }
      // Secrets were left out of the file: take the current ones from the live/cached connection, and only from
      // the very same connection (same gateway, mode and tunnels), so a file cannot pull another connection's PSK.
      let live: VpnConnection | null = null;
      try {
        live = (await liveConnection(profileId, RegionId, draftConn.VpnConnectionId)).connection;
      } catch {
        live = null;
      }
      const sameAsLive = live !== null && sameIdentity(live, draftConn) === null;
      const needsSecrets: string[] = [];
      for (const path of secretPaths(draftConn)) {
        const value = live && sameAsLive ? getField(live, path) : '';
        if (getField(baseConn, path) === '') baseConn = setField(baseConn, path, value);
        if (getField(draftConn, path) !== '') continue;
        // The sender changed this key and the file could not carry it: filling in the live key would silently
        // undo their change. It stays empty (the rules refuse an empty PSK, so Apply waits) until it is entered.
        if (checked.file.omittedSecrets?.some((o) => o.path === path && o.changed)) needsSecrets.push(path);
        else draftConn = setField(draftConn, path, value);
      }
      return create(profileId, RegionId, baseConn, draftConn, head.baseFetchedAt ?? deps.now(), needsSecrets);
    },
    /**
     * A draft carried by a hand-off bundle (PSKs inside), into the chosen profile (default: the active one). Onto a connection that already has
     * an open draft it merges three-way: the bundle's changes (its base → its draft) into the open draft, field by
     * field, with a conflict where both changed the same field differently (`live` in the conflict = the bundle's).
     */
    /**
     * What importing a bundled draft would do, worked out without writing anything (so a bundle is refused whole
     * before any of it is stored); `write()` then does it.
     */
    planBundled(head: BundledHead, profileId: string = deps.profiles.active().profileId): { merged: boolean; write(): DraftRecord } {
      const identity = sameIdentity(head.base, head.draft);
      if (identity) throw new AppError('Bundle.Damaged', `A draft in the bundle describes two different connections (${identity}).`, 'content');
      const existing = openDraftOf(profileId, head.draft.VpnConnectionId);
      if (!existing) return { merged: false, write: () => create(profileId, head.RegionId, head.base, head.draft, head.baseFetchedAt, head.needsSecrets ?? []) };
      requireEditable(existing);
      if (sameIdentity(existing.draft, head.draft)) throw new AppError('Draft.CannotMerge', `The open draft of ${head.draft.VpnConnectionId} is for another shape of the connection; discard it and import again.`);
      const merged = mergeThreeWay(head.base, existing.draft, head.draft);
      if (!merged.ok) throw new AppError('Draft.CannotMerge', `The open draft of ${head.draft.VpnConnectionId} cannot be merged with the bundle's; discard it and import again.`);
      const conflicts = [...existing.conflicts, ...merged.conflicts.filter((c) => !existing.conflicts.some((e) => e.path === c.path))];
      const needsSecrets = [...new Set([...(existing.needsSecrets ?? []), ...(head.needsSecrets ?? [])])];
      return { merged: true, write: () => update(existing, { draft: merged.merged, conflicts, status: conflicts.length > 0 ? 'conflict' : 'editing', ...(needsSecrets.length > 0 && { needsSecrets }) }) };
    },
  };
}
