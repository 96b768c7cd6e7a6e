// The contract's drafts domain: one draft per connection being edited, its summary for the Drafts view, and the
// draft as a file handed from one person to another.
import * as z from 'zod';
import type { MergeConflict } from '../merge/three-way.ts';
import type { VpnConnection } from '../model/connection.ts';
import { boundedConnectionShape } from '../model/shape.ts';
import type { DraftReadiness } from '../rules/readiness.ts';
import { id, noArgs, regionId, shape, type MethodSpecs } from './schema.ts';

export type DraftStatus = 'editing' | 'applying' | 'applied' | 'conflict';

export interface DraftRecord {
  draftId: string;
  profileId: string;
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  /** The live connection the draft started from (three-way merge base). */
  base: VpnConnection;
  baseFetchedAt: string;
  draft: VpnConnection;
  createdAt: string;
  updatedAt: string;
  status: DraftStatus;
  /** Set by reconcileDraft when the live connection moved under the draft on fields the draft also changed. */
  conflicts: MergeConflict[];
  /** Secret paths the sender had changed but whose new value did not travel (a plain draft file): they stay empty,
   * which the rules refuse, until the user enters them; cleared path by path as they are. */
  needsSecrets?: string[];
  /** Imported (from a hand-off bundle) for a connection main could not find in this account: not appliable here. */
  notInAccount?: boolean;
}

export interface DraftSummary {
  draftId: string;
  profileId: string;
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  Name: string;
  baseFetchedAt: string;
  updatedAt: string;
  changedFieldCount: number;
  conflictCount: number;
  status: DraftStatus;
  /** Whether "Apply ready drafts" may queue it, and if not why (core `draftReadiness`, against main's inventory of
   * the draft's gateway). Recomputed when the draft or that inventory changes. */
  readiness: DraftReadiness;
}

export const draftMethods = {
  listDrafts: { args: noArgs, result: shape<DraftSummary[]>() },
  openDraft: { args: z.object({ RegionId: regionId, VpnConnectionId: id }).strict(), result: shape<DraftRecord>() },
  getDraft: { args: z.object({ draftId: id }).strict(), result: shape<DraftRecord>() },
  saveDraft: { args: z.object({ draftId: id, draft: boundedConnectionShape }).strict(), result: shape<DraftSummary>() },
  discardDraft: { args: z.object({ draftId: id }).strict(), result: shape<{ discarded: boolean }>() },
  exportDraft: { args: z.object({ draftId: id }).strict(), result: shape<{ fileName: string; content: string }>() },
  importDraft: { args: z.object({ content: z.string().min(2).max(2_000_000) }).strict(), result: shape<DraftRecord>() },
  reconcileDraft: { args: z.object({ draftId: id }).strict(), result: shape<DraftRecord>() },
  resolveConflict: {
    args: z.object({ draftId: id, path: z.string().min(1).max(200), take: z.enum(['draft', 'live']) }).strict(),
    result: shape<DraftRecord>(),
  },
} as const satisfies MethodSpecs;
