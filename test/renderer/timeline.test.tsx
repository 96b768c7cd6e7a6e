import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../../core/contract.ts';
import { input, openConnection, renderStudio } from './support/render.tsx';

async function startApply() {
  const studio = await renderStudio();
  await openConnection(studio.user, /dc-1 dual BGP/);
  await studio.user.selectOptions(input('TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs'), 'group5');
  await studio.user.keyboard('{Control>}{Enter}{/Control}');
  await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('apply'));
  await studio.user.click(screen.getByTestId('apply'));
  await screen.findByTestId('job-progress');
  const job = [...studio.main.jobs.values()][0]!;
  return { ...studio, job };
}

describe('apply progress and the status timeline', () => {
  it('saves, applies, shows the change in flight and keeps apply disabled until it ends', async () => {
    const { main, job } = await startApply();
    expect(main.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['openDraft', 'saveDraft', 'applyDraft']));
    expect(main.calls.find((c) => c.method === 'applyDraft')!.args).toEqual({ draftId: job.draftId, confirmWindowSeconds: 0 });
    expect(screen.getByTestId('job-progress').textContent).toContain('Change in flight: queued');
    expect(screen.getByRole('progressbar')).toBeTruthy();
    await act(async () => main.emit('jobUpdated', { ...job, phase: 'waiting-gateway' }));
    expect(screen.getByTestId('job-progress').textContent).toContain('waiting for the gateway');
    await act(async () => main.emit('jobUpdated', { ...job, phase: 'succeeded' }));
    expect(screen.getByTestId('job-progress').textContent).toContain('Result: succeeded');
  });

  it('lists pushed events with elapsed times, request IDs, retries and their codes', async () => {
    const { main, job } = await startApply();
    const t0 = Date.parse('2026-01-01T10:00:00Z');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const base = { VpnConnectionId: job.VpnConnectionId, jobId: job.jobId };
    await act(async () => {
      main.pushEvent({ ...base, at: at(0), kind: 'queued', detail: { ClientToken: job.ClientToken } });
      main.pushEvent({ ...base, at: at(120), kind: 'retry', detail: { code: 'VpnGateway.Configuring', attempt: 1 } });
      main.pushEvent({ ...base, at: at(1500), kind: 'submitted', detail: { RequestId: 'REQ-42', attempts: 2 } });
      main.pushEvent({ ...base, at: at(4200), kind: 'verified', detail: { fields: 1 } });
      main.pushEvent({ VpnConnectionId: 'vco-other', jobId: 'job-x', at: at(10), kind: 'failed', detail: {} });
    });
    const timeline = screen.getByTestId('timeline');
    expect(timeline.getAttribute('role')).toBe('log');
    const kinds = [...timeline.querySelectorAll('[data-kind]')].map((e) => e.getAttribute('data-kind'));
    expect(kinds).toEqual(['queued', 'retry', 'submitted', 'verified']);
    const retry = timeline.querySelector('[data-kind="retry"]')!;
    expect(retry.textContent).toContain('The VPN gateway is being configured');
    expect(retry.querySelector('[data-code="VpnGateway.Configuring"]')).not.toBeNull();
    expect(retry.textContent).toContain('+120 ms');
    expect(timeline.querySelector('[data-kind="submitted"]')!.textContent).toContain('REQ-42');
    expect(timeline.querySelector('[data-kind="submitted"]')!.textContent).toContain('+1.5 s');
    expect(timeline.querySelector('[data-kind="verified"]')!.textContent).toContain('Read-back verified');
    // The same event pushed twice (fetched and pushed) is shown once.
    await act(async () => main.emit('timelineEvent', { ...base, seq: 2, at: at(120), kind: 'retry', detail: {} }));
    expect(timeline.querySelectorAll('[data-kind="retry"]')).toHaveLength(1);
  });

  it('counts down the confirm window and confirms or rolls back', async () => {
    const { main, job, user } = await startApply();
    const waiting: JobSummary = { ...job, phase: 'confirm-window', confirmDeadline: new Date(Date.now() + 30_000).toISOString() };
    await act(async () => main.emit('jobUpdated', waiting));
    const box = screen.getByRole('group', { name: 'Confirm the change' });
    expect(within(box).getByRole('timer').textContent).toMatch(/^(29|30|31) s left\. The change is kept if every tunnel still negotiates then, and rolled back if not\.$/);
    await user.click(within(box).getByRole('button', { name: 'Confirm' }));
    expect(main.calls.filter((c) => c.method === 'confirmJob')).toEqual([{ method: 'confirmJob', args: { jobId: job.jobId } }]);
    expect(screen.getByTestId('job-progress').getAttribute('data-phase')).toBe('succeeded');

    await act(async () => main.emit('jobUpdated', { ...waiting, updatedAt: new Date().toISOString() }));
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    expect(main.calls.filter((c) => c.method === 'rollbackJob')).toHaveLength(1);
    expect(screen.getByTestId('job-progress').textContent).toContain('rolling back');
  });

  it('keeps the draft read-only and apply disabled while a change is in flight', async () => {
    const { user, main, job } = await startApply();
    await user.click(screen.getByRole('tab', { name: /Preview/ }));
    expect((input('Name').closest('fieldset') as HTMLFieldSetElement).disabled).toBe(true);
    expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getAllByText('A change is in flight for this connection.').length).toBeGreaterThan(0);
    await act(async () => main.emit('jobUpdated', { ...job, phase: 'succeeded' }));
    expect((input('Name').closest('fieldset') as HTMLFieldSetElement).disabled).toBe(false);
  });
});

describe('a failed apply', () => {
  it('shows the errors main mapped to fields next to those fields', async () => {
    const { main, job } = await startApply();
    const field = 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs';
    await act(async () =>
      main.emit('jobUpdated', {
        ...job,
        phase: 'failed',
        error: { code: 'NotSupportVpnConnectionParameter.IpsecPfs', message: 'The specified IpsecPfs is not supported.', field },
        fieldErrors: [
          { code: 'Gateway.Unknown', message: 'The service refused this value.', field },
          { code: 'IllegalParam.TunnelCidr', message: 'The parameter TunnelCidr is illegal.', field: 'TunnelOptionsSpecification.1.TunnelBgpConfig.TunnelCidr' },
        ],
      }),
    );
    expect(screen.getByTestId('job-progress').textContent).toContain('Result: failed');
    const pfs = input(field);
    expect(pfs.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(pfs.getAttribute('aria-describedby')!)!.textContent).toBe('The service refused this value. (Gateway.Unknown)');
    // A code whose message needs the rule's parameters falls back to main's own words.
    const cidr = input('TunnelOptionsSpecification.1.TunnelBgpConfig.TunnelCidr');
    expect(document.getElementById(cidr.getAttribute('aria-describedby')!)!.textContent).toBe('The tunnel network is not valid.');
    // Editing again and a new apply clear them (they belong to the failed job).
    await act(async () => main.emit('jobUpdated', { ...job, jobId: 'job-2', phase: 'queued', createdAt: new Date(Date.now() + 1000).toISOString() }));
    expect(input(field).getAttribute('aria-invalid')).toBe('false');
  });
});

describe('saving and applying', () => {
  it('sends applyDraft only after every save in flight has reached main', async () => {
    const order: string[] = [];
    let saves = 0;
    const { main, user } = await renderStudio({
      handlers: {
        saveDraft: async (args) => {
          const n = ++saves;
          order.push(`save-${n}-start`);
          // The first save is slow (say an autosave on a busy disk), later ones are fast.
          await new Promise((resolve) => setTimeout(resolve, n === 1 ? 300 : 5));
          order.push(`save-${n}-end`);
          const { draftId } = args as { draftId: string };
          return { draftId, profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-dual001', VpnGatewayId: 'vpn-dual001', Name: 'x', baseFetchedAt: '', updatedAt: '', changedFieldCount: 1, conflictCount: 0, status: 'editing' as const, readiness: { ready: true as const } };
        },
      },
    });
    await openConnection(user, /dc-1 dual BGP/);
    await user.type(input('Name'), 'Z');
    await user.keyboard('{Control>}s{/Control}');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.click(screen.getByTestId('apply'));
    await waitFor(() => expect(main.calls.map((c) => c.method)).toContain('applyDraft'), { timeout: 3000 });
    order.push('apply');
    expect(order).toEqual(['save-1-start', 'save-1-end', 'save-2-start', 'save-2-end', 'apply']);
  });
});
