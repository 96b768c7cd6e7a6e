// The two halves of "around the send" made deterministic in-process: the process stops after the service took the
// request but before its answer arrived, or just before the request left. A restart must land it exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../core/contract.ts';
import { createVpcClient, type VpcClientOptions } from '../../main/services/vpc-client.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { editAndSave, waitForJob } from './support/flows.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A client whose ModifyVpnConnectionAttribute never returns, either after the service processed it or before sending. */
function stallingModify(when: 'after-send' | 'before-send') {
  return (options: VpcClientOptions) => {
    const real = createVpcClient(options);
    return {
      async call(call: Parameters<typeof real.call>[0]) {
        if (call.action !== 'ModifyVpnConnectionAttribute') return real.call(call);
        if (when === 'after-send') await real.call(call);
        return new Promise<never>(() => undefined);
      },
    };
  };
}

describe('resume around the send', () => {
  for (const when of ['after-send', 'before-send'] as const) {
    it(`a job stopped ${when} is finished by the next start with one modification`, async () => {
      h = await createHarness({ compose: { createClient: stallingModify(when) } });
      await h.call('loadInventory', { refresh: true });
      const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => ({ ...c, Name: `resumed ${when}` }));
      const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId });
      await waitForJob(h, job.jobId, ['submitting']);
      // Give the stalled send time to reach the service (or not).
      await new Promise((r) => setTimeout(r, 200));
      expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(when === 'after-send' ? 1 : 0);

      await h.restart({ createClient: createVpcClient });
      const done = await waitForJob(h, job.jobId);
      expect(done.phase).toBe('succeeded');
      expect(done.ClientToken).toBe(job.ClientToken);
      expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(1);
      const events = await h.call<Array<{ kind: string; detail: Record<string, unknown> }>>('getTimeline', { jobId: job.jobId });
      const submitted = events.filter((e) => e.kind === 'submitted');
      expect(submitted).toHaveLength(1);
      if (when === 'after-send') expect(submitted[0]!.detail.reconciled).toBe(true);
      else expect(submitted[0]!.detail.ClientToken).toBe(job.ClientToken);
    }, 20_000);
  }
});
