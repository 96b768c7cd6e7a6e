// What a failed apply records must never quote a secret, and unexpected errors stay in the log.
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../core/contract.ts';
import { setField } from '../../core/index.ts';
import { editAndSave, waitForJob } from './support/flows.ts';
import { allDataText, createHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a refused apply', () => {
  it('names the field and the rule but never quotes the PSK', async () => {
    h = await createHarness();
    await h.call('loadInventory', { refresh: true });
    // 'é' is outside the documented PSK characters: Rule.Psk.Charset, whose parameters name the offending character.
    const psk = 'Secretéé-Value-42';
    const draft = await editAndSave(h, 'cn-hangzhou', 'vco-hzbgp001', (c) => setField(c, 'IkeConfig.Psk', psk));
    const queued = await h.call<JobSummary>('applyDraft', { draftId: draft.draftId });
    const job = await waitForJob(h, queued.jobId);
    expect(job.phase).toBe('failed');
    expect(job.fieldErrors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'Rule.Psk.Charset', field: 'IkeConfig.Psk' })]));
    const everything = [
      JSON.stringify(job),
      JSON.stringify(await h.call('getTimeline', { jobId: job.jobId })),
      allDataText(h.dataDir),
    ].join('\n');
    expect(everything).not.toContain('é');
    expect(everything).not.toContain(psk);
  });
});
