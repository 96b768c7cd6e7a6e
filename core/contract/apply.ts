// The contract's apply domain: apply jobs (their phases, tunnels and outcome) and the status timeline they write.
import * as z from 'zod';
import type { TunnelHealth, TunnelLoss } from '../model/health.ts';
import type { AppErrorShape } from '../errors.ts';
import { id, noArgs, shape, type MethodSpecs } from './schema.ts';

export type JobPhase =
  | 'queued'
  | 'validating'
  | 'checking-live'
  | 'submitting'
  /** The Modify's answer was lost after it may have reached the service: the live connection decides. */
  | 'reconciling'
  | 'waiting-gateway'
  | 'verifying'
  /** Applied and read back: every tunnel is watched for the settle period. */
  | 'settling'
  | 'confirm-window'
  | 'rolling-back'
  /** Applied, and no tunnel that was up before is down. */
  | 'succeeded'
  /** Applied, but a tunnel (or BGP session) that was up before is down: rollback offered. */
  | 'degraded'
  /** Whether the change landed (or how the tunnels fare) could not be decided: live values shown, rollback offered. */
  | 'unknown'
  | 'failed'
  | 'conflict'
  | 'rolled-back';

/** Phases after which a job does nothing more on its own. `degraded` and `unknown` still accept a rollback. */
export const FINAL_JOB_PHASES: readonly JobPhase[] = ['succeeded', 'degraded', 'unknown', 'failed', 'conflict', 'rolled-back'];

/** Each tunnel's state before the change and as last read after it. */
export interface JobTunnels {
  before: TunnelHealth[];
  now: TunnelHealth[];
  /** ISO time of the read `now` comes from. */
  checkedAt: string;
  /** What was up before and is not now (empty: nothing lost). */
  losses: TunnelLoss[];
  /** ISO time a loss was first seen, while there is one. */
  downSince?: string;
}

export interface JobSummary {
  jobId: string;
  draftId: string;
  profileId: string;
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  phase: JobPhase;
  ClientToken: string;
  createdAt: string;
  updatedAt: string;
  /** Send attempts so far (1 = no retry). */
  attempts: number;
  /** While phase is confirm-window: when the automatic rollback happens unless confirmed. */
  confirmDeadline?: string;
  /** While phase is settling: when the tunnels have been watched long enough. */
  settleDeadline?: string;
  /** Negotiation before the change and since, once the change landed. */
  tunnels?: JobTunnels;
  /** How a confirm window ended in keeping the change: the user's Confirm, or every tunnel negotiating at the
   * deadline. With `degraded`, `user` means the user kept it although a tunnel was down. */
  keptBy?: 'user' | 'negotiation';
  /** Whether `rollbackJob` can act on it now. */
  rollbackable: boolean;
  error?: AppErrorShape;
  /** Rule or API errors mapped to the fields that caused them. */
  fieldErrors: AppErrorShape[];
}

export type TimelineKind =
  | 'draft-saved'
  | 'peer-acknowledged'
  | 'validated'
  | 'validation-failed'
  | 'conflict'
  | 'queued'
  | 'submitted'
  | 'reconciled'
  | 'retry'
  | 'gateway-status'
  | 'verified'
  | 'mismatch'
  | 'negotiation'
  | 'settling'
  | 'degraded'
  | 'unknown'
  | 'confirm-window'
  | 'confirmed'
  | 'rolling-back'
  | 'rolled-back'
  | 'succeeded'
  | 'failed';

export interface TimelineEvent {
  /** Monotonic per store, so the renderer can merge pushed and fetched events without duplicates. */
  seq: number;
  at: string;
  kind: TimelineKind;
  VpnConnectionId: string;
  jobId?: string;
  /** Plain facts (never a secret), each under a name the renderer words (timeline.detail.* in both languages). */
  detail: TimelineDetail;
}

/** Every fact a timeline step may carry; main cannot write another (a type error), so none reaches the screen raw. */
export const TIMELINE_DETAIL_KEYS = [
  'RequestId', 'ClientToken', 'VpnGatewayId', 'draftId', 'code', 'message', 'field', 'fields', 'paths', 'count', 'codes', 'issues', 'rules',
  'otherConnections', 'attempt', 'attempts', 'delayMs', 'httpStatus', 'action', 'for', 'status', 'elapsedMs', 'lost', 'since', 'negotiation',
  'by', 'keptBy', 'deadline', 'seconds', 'confirmWindowSeconds', 'reason', 'noChange', 'sent', 'request', 'landed', 'resumed', 'reconciled',
  'changedFieldCount', 'prediction',
] as const;
export type TimelineDetailKey = (typeof TIMELINE_DETAIL_KEYS)[number];
export type TimelineDetail = Partial<Record<TimelineDetailKey, string | number | boolean | null>>;

const exportFormat = z.enum(['json', 'csv']);

export const applyMethods = {
  applyDraft: {
    // acknowledgePeerBreak: the user saw that the pre-check predicts the peer device will not negotiate, and applies anyway.
    args: z.object({ draftId: id, confirmWindowSeconds: z.number().int().min(0).max(3600).optional(), acknowledgePeerBreak: z.boolean().optional() }).strict(),
    result: shape<JobSummary>(),
  },
  /** Queues several drafts in one step (all or none); each gateway's changes still run one after another. */
  applyDrafts: {
    args: z.object({ draftIds: z.array(id).min(1).max(500), confirmWindowSeconds: z.number().int().min(0).max(3600).optional(), acknowledgePeerBreak: z.boolean().optional() }).strict(),
    result: shape<JobSummary[]>(),
  },
  confirmJob: { args: z.object({ jobId: id }).strict(), result: shape<JobSummary>() },
  rollbackJob: { args: z.object({ jobId: id }).strict(), result: shape<JobSummary>() },
  listJobs: { args: noArgs, result: shape<JobSummary[]>() },
  getTimeline: {
    args: z.object({ VpnConnectionId: id.optional(), jobId: id.optional() }).strict(),
    result: shape<TimelineEvent[]>(),
  },
  exportTimeline: {
    args: z.object({ format: exportFormat, VpnConnectionId: id.optional(), jobId: id.optional() }).strict(),
    result: shape<{ fileName: string; content: string }>(),
  },
} as const satisfies MethodSpecs;
