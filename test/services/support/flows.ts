import { FINAL_JOB_PHASES, type DraftRecord, type JobSummary, type TimelineEvent } from '../../../core/contract.ts';
import type { VpnConnection } from '../../../core/index.ts';
import { eventually, type Harness } from './harness.ts';

export async function openDraft(h: Harness, RegionId: string, VpnConnectionId: string): Promise<DraftRecord> {
  return h.call<DraftRecord>('openDraft', { RegionId, VpnConnectionId });
}

export async function editAndSave(h: Harness, RegionId: string, VpnConnectionId: string, edit: (c: VpnConnection) => VpnConnection): Promise<DraftRecord> {
  const d = await openDraft(h, RegionId, VpnConnectionId);
  await h.call('saveDraft', { draftId: d.draftId, draft: edit(structuredClone(d.draft)) });
  return h.call<DraftRecord>('getDraft', { draftId: d.draftId });
}

export async function waitForJob(h: Harness, jobId: string, phases: readonly string[] = FINAL_JOB_PHASES, timeoutMs = 20_000): Promise<JobSummary> {
  return eventually(async () => {
    const job = (await h.call<JobSummary[]>('listJobs')).find((j) => j.jobId === jobId);
    return job && phases.includes(job.phase) ? job : undefined;
  }, timeoutMs);
}

export function kinds(events: TimelineEvent[]): string[] {
  return events.map((e) => (e.kind === 'gateway-status' ? `gateway-status:${String(e.detail.status)}` : e.kind));
}
