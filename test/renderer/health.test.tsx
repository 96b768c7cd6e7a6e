// "Green must mean up": every tunnel's state, from the live connection, in the tree, the editor header, each tunnel
// section, quick open and the comparison; apply outcomes and the confirm window that name a lost tunnel; the top-bar
// countdown of every change being watched.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord, DraftSummary, JobSummary, JobTunnels } from '../../core/contract.ts';
import { connectionShape } from '../../core/model/shape.ts';
import { parseDescribeConnectionOrThrow, setField, type TunnelHealth, type VpnConnection } from '../../core/index.ts';
import { JobProgress } from '../../renderer/src/components/timeline/JobProgress.tsx';
import { i18n } from '../../renderer/src/i18n/index.ts';
import { openHealth } from '../../renderer/src/state/health.ts';
import { watchedJobs } from '../../renderer/src/state/jobs.ts';
import { input, openConnection, renderStudio } from './support/render.tsx';
import { DUAL, dualDescribe, singleDescribe, snapshot } from './support/sample-data.ts';

// The sample dual connection: its own Status (the master's) says established, its slave tunnel does not.
const DUAL_ID = DUAL.VpnConnectionId;

/** What main stores for a draft: the editable shape only, without any read-only status. */
const stripped = (c: VpnConnection) => connectionShape.parse(c) as unknown as VpnConnection;

function connectionRow(name: RegExp) {
  return within(screen.getByRole('tree')).getByRole('treeitem', { name });
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('tunnel health in the tree and the editor', () => {
  it('shows a dual connection whose slave is down in red, with the tunnel and its state in words (en)', async () => {
    expect(DUAL.Status).toBe('ipsec_sa_established');
    const { user } = await renderStudio();
    const row = connectionRow(/dc-1 dual BGP/);
    const dot = row.querySelector(':scope > .dot')!;
    expect(dot.classList.contains('bad')).toBe(true);
    expect(dot.classList.contains('ok')).toBe(false);
    expect(row.textContent).toContain('Master tunnel: Up; Slave tunnel: Down — IKE SA not established');
    expect(row.querySelectorAll('.tunnel-dots .dot')).toHaveLength(2);
    expect(row.querySelector('.tree-status-text')!.textContent).toBe('Slave tunnel down');
    // A healthy single connection stays green; a single one whose IKE SA is down is red.
    expect(connectionRow(/branch-1/).querySelector(':scope > .dot')!.classList.contains('ok')).toBe(true);

    await openConnection(user, /dc-1 dual BGP/);
    const pill = screen.getByTestId('connection-health');
    expect(pill.classList.contains('bad')).toBe(true);
    expect(pill.textContent).toBe('Slave tunnel: Down — IKE SA not established');
    expect(screen.getByTestId('tunnel-state-master').textContent).toContain('47.96.10.1');
    expect(screen.getByTestId('tunnel-state-master').textContent).toContain('Up');
    const slave = screen.getByTestId('tunnel-state-slave');
    expect(slave.textContent).toContain('tun-1s');
    expect(slave.textContent).toContain('47.96.10.2');
    expect(slave.textContent).toContain('Down — IKE SA not established');
    expect(slave.querySelector('.health')!.classList.contains('bad')).toBe(true);
  });

  it('says the same in 简体中文', async () => {
    const { user } = await renderStudio({ settings: { language: 'zh-CN' } });
    await waitFor(() => expect(i18n.language).toBe('zh-CN'));
    const row = connectionRow(/dc-1 dual BGP/);
    expect(row.querySelector(':scope > .dot')!.classList.contains('bad')).toBe(true);
    expect(row.textContent).toContain('主隧道:已连通;备隧道:已断开 — IKE SA 未建立');
    expect(row.querySelector('.tree-status-text')!.textContent).toBe('备隧道已断开');
    await openConnection(user, /dc-1 dual BGP/);
    const pill = screen.getByTestId('connection-health');
    expect(pill.classList.contains('bad')).toBe(true);
    expect(pill.textContent).toBe('备隧道:已断开 — IKE SA 未建立');
    expect(screen.getByTestId('tunnel-state-slave').textContent).toContain('已断开 — IKE SA 未建立');
  });

  it('treats ike_sa_established as down and an unreported state as unknown (grey), never green', async () => {
    const raw = dualDescribe('vco-dual001', 'vpn-dual001', 1);
    raw.TunnelOptionsSpecification.TunnelOptions[1]!.Status = 'ike_sa_established';
    delete (raw.TunnelOptionsSpecification.TunnelOptions[0] as { Status?: string }).Status;
    const conn = parseDescribeConnectionOrThrow(raw);
    const inventory = snapshot();
    inventory.connections[0] = { RegionId: 'cn-hangzhou', connection: conn };
    const { user } = await renderStudio({ inventory });
    expect(connectionRow(/dc-1 dual BGP/).querySelector(':scope > .dot')!.classList.contains('bad')).toBe(true);
    await openConnection(user, /dc-1 dual BGP/);
    expect(screen.getByTestId('connection-health').textContent).toBe('Master tunnel: State unknown; Slave tunnel: Down — IKE SA established, IPsec SA not');
    const masterState = screen.getByTestId('tunnel-state-master');
    expect(masterState.textContent).toContain('State unknown');
    expect(masterState.querySelector('.health')!.classList.contains('idle')).toBe(true);
  });

  it('keeps the header and each tunnel state from the live connection once the draft differs and is saved without status', async () => {
    // A draft main already holds (as main stores it: no read-only status, not even in its base).
    const base = stripped(DUAL);
    const record: DraftRecord = {
      draftId: 'd-1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL_ID, VpnGatewayId: DUAL.VpnGatewayId,
      base, baseFetchedAt: new Date().toISOString(), draft: setField(base, 'Name', 'renamed'), createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(), status: 'editing', conflicts: [],
    };
    const summary: DraftSummary = {
      draftId: 'd-1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL_ID, VpnGatewayId: DUAL.VpnGatewayId, Name: 'renamed',
      baseFetchedAt: record.baseFetchedAt, updatedAt: record.updatedAt, changedFieldCount: 1, conflictCount: 0, status: 'editing',
    } as DraftSummary;
    let held = record;
    const { user, main } = await renderStudio({
      handlers: {
        listDrafts: () => [summary],
        getDraft: () => held,
        openDraft: () => held,
        saveDraft: (args) => {
          const { draft } = args as { draft: VpnConnection };
          held = { ...held, draft: stripped(draft), updatedAt: new Date(Date.now() + 1000).toISOString() };
          main.emit('draftsChanged', { drafts: [{ ...summary, updatedAt: held.updatedAt }] });
          return { ...summary, updatedAt: held.updatedAt };
        },
      },
    });
    expect(record.draft.Status).toBeUndefined();
    expect(record.draft.mode === 'dual' && record.draft.tunnels[1].Status).toBeUndefined();
    await openConnection(user, /dc-1 dual BGP/);
    expect(screen.getByTestId('connection-health').textContent).toBe('Slave tunnel: Down — IKE SA not established');
    expect(screen.getByTestId('tunnel-state-slave').textContent).toContain('47.96.10.2');

    // Edit and save again: the saved draft comes back from main without status; the header and tunnels stay.
    await user.type(input('Name'), '-2');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('Saved'));
    await waitFor(() => expect(held.draft.Name).toBe('renamed-2'));
    expect(screen.getByTestId('connection-health').textContent).toBe('Slave tunnel: Down — IKE SA not established');
    expect(screen.getByTestId('connection-health').classList.contains('bad')).toBe(true);
    expect(screen.getByTestId('tunnel-state-slave').textContent).toContain('Down — IKE SA not established');
    expect(screen.getByTestId('tunnel-state-master').textContent).toContain('47.96.10.1');

    // Side by side: each tunnel's column says where it is and how it is.
    await user.click(screen.getByRole('button', { name: 'Tunnels side by side' }));
    expect(screen.getByTestId('tunnel-head-slave').textContent).toContain('Down — IKE SA not established');
    expect(screen.getByTestId('tunnel-head-master').textContent).toContain('Up');
  });

  it('lists each connection’s health in quick open and in the comparison', async () => {
    const inventory = snapshot();
    // A single connection whose IKE SA is not established.
    inventory.connections[2] = { RegionId: 'cn-hangzhou', connection: parseDescribeConnectionOrThrow(singleDescribe('vco-single002', 'vpn-single001', 3)) };
    const { user } = await renderStudio({ inventory });
    expect(connectionRow(/branch-3/).querySelector(':scope > .dot')!.classList.contains('bad')).toBe(true);
    await openConnection(user, /branch-1/);
    await user.keyboard('{Control>}p{/Control}');
    const dual = await screen.findByRole('option', { name: /dc-1 dual BGP/ });
    expect(dual.textContent).toContain('Slave tunnel: Down — IKE SA not established');
    expect(dual.querySelector('.health')!.classList.contains('bad')).toBe(true);
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Compare with…' }));
    const list = await screen.findByRole('listbox');
    fireEvent.mouseDown(within(list).getByRole('option', { name: /branch-3/ }));
    const other = await screen.findByTestId('compare-head-other');
    expect(other.textContent).toContain('Down — IKE SA not established');
    expect(screen.getByTestId('compare-head-draft').textContent).toContain('Up');
  });
});

// ---- apply outcomes and the confirm window ------------------------------------------------------------------------

const at = (h: number, m: number, s: number) => new Date(2026, 0, 1, h, m, s).toISOString();
const up = (position: TunnelHealth['position']): TunnelHealth => ({ position, Status: 'ipsec_sa_established', health: 'up' });
const down = (position: TunnelHealth['position']): TunnelHealth => ({ position, Status: 'ike_sa_not_established', health: 'down' });

const slaveLost: JobTunnels = {
  before: [up('master'), up('slave')],
  now: [up('master'), down('slave')],
  checkedAt: at(13, 14, 20),
  losses: [{ position: 'slave', what: 'negotiation', before: 'ipsec_sa_established', now: 'ike_sa_not_established' }],
  downSince: at(13, 14, 2),
};
const allUp: JobTunnels = { before: [up('master'), up('slave')], now: [up('master'), up('slave')], checkedAt: at(13, 14, 20), losses: [] };

function job(patch: Partial<JobSummary>): JobSummary {
  return {
    jobId: 'job-1', draftId: 'd-1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL_ID, VpnGatewayId: DUAL.VpnGatewayId,
    phase: 'queued', ClientToken: 'tok', createdAt: at(13, 13, 0), updatedAt: at(13, 14, 20), attempts: 1, rollbackable: false, fieldErrors: [], ...patch,
  };
}

function renderProgress(j: JobSummary, now = Date.parse(at(13, 14, 30))) {
  const onConfirm = vi.fn();
  const onRollback = vi.fn();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <JobProgress job={j} now={now} onConfirm={onConfirm} onRollback={onRollback} />
    </I18nextProvider>,
  );
  return { onConfirm, onRollback, view, box: screen.getByTestId('job-progress') };
}

describe('JobProgress tells the truth', () => {
  it('confirm window with a lost tunnel: red, names it, Roll back is primary and keeping takes two clicks', async () => {
    const { box, onConfirm, onRollback } = renderProgress(job({ phase: 'confirm-window', confirmDeadline: at(13, 15, 0), tunnels: slaveLost, rollbackable: true }));
    expect(within(box).getByRole('alert').textContent).toBe('Slave tunnel down since 13:14:02 — it was up before the change');
    expect(within(box).getByRole('timer').textContent).toBe('Automatic rollback in 30 s.');
    const primary = box.querySelectorAll('.btn.primary');
    expect(primary).toHaveLength(1);
    expect(primary[0]!.textContent).toBe('Roll back');
    expect(within(box).queryByRole('button', { name: 'Confirm' })).toBeNull();
    const keep = within(box).getByRole('button', { name: 'Keep anyway' });
    expect(keep.classList.contains('primary')).toBe(false);
    fireEvent.click(keep);
    expect(onConfirm).not.toHaveBeenCalled();
    expect(keep.textContent).toBe('Click again to keep the change with the slave tunnel down');
    fireEvent.click(keep);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.click(within(box).getByRole('button', { name: 'Roll back' }));
    expect(onRollback).toHaveBeenCalledTimes(1);
  });

  it('healthy confirm window: Confirm stays the primary button', () => {
    const { box, onConfirm } = renderProgress(job({ phase: 'confirm-window', confirmDeadline: at(13, 15, 0), tunnels: allUp, rollbackable: true }));
    expect(within(box).queryByRole('alert')).toBeNull();
    const confirm = within(box).getByRole('button', { name: 'Confirm' });
    expect(confirm.classList.contains('primary')).toBe(true);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('counts down the settle period', () => {
    const { box } = renderProgress(job({ phase: 'settling', settleDeadline: at(13, 14, 42), tunnels: allUp, rollbackable: true }));
    expect(within(box).getByTestId('settle-countdown').textContent).toBe('Watching every tunnel — 12 s left');
    expect(box.textContent).toContain('Change in flight: watching the tunnels');
  });

  it('degraded: red, names the tunnel and when it went down, Roll back primary', () => {
    const { box, onRollback } = renderProgress(job({ phase: 'degraded', tunnels: slaveLost, rollbackable: true }));
    const outcome = within(box).getByTestId('job-outcome');
    expect(outcome.textContent).toBe('Applied; slave tunnel down since 13:14:02');
    expect(outcome.classList.contains('bad')).toBe(true);
    const primary = box.querySelector('.btn.primary')!;
    expect(primary.textContent).toBe('Roll back');
    fireEvent.click(primary);
    expect(onRollback).toHaveBeenCalledTimes(1);
    expect(box.textContent).not.toMatch(/succeeded/i);
  });

  it('a rollback stays in the top bar until its result is in; finished jobs leave it', () => {
    const jobs = new Map(
      (['confirm-window', 'settling', 'rolling-back', 'rolled-back', 'degraded', 'succeeded'] as const).map((phase, i) => [`j${i}`, job({ jobId: `j${i}`, phase, createdAt: at(13, 0, i) })]),
    );
    expect(watchedJobs(jobs).map((j) => j.phase)).toEqual(['confirm-window', 'settling', 'rolling-back']);
  });

  it('rolled back: says the draft still holds the change, and no longer shows the error it undid', () => {
    const { box } = renderProgress(job({ phase: 'rolled-back', tunnels: allUp, error: { code: 'Apply.TunnelDown', message: 'Applied, but the slave tunnel went down.' } }));
    expect(box.textContent).toContain('Your draft still holds the change');
    expect(box.textContent).not.toContain('Apply.TunnelDown');
  });

  it('rolled back: amber when every tunnel is up again, red naming the tunnel that is still down', () => {
    const back = renderProgress(job({ phase: 'rolled-back', tunnels: allUp }));
    const outcome = within(back.box).getByTestId('job-outcome');
    expect(outcome.textContent).toBe('Rolled back: the change is undone and every tunnel is up');
    expect(outcome.getAttribute('data-tone')).toBe('warn');
    back.view.unmount();
    const stillDown = renderProgress(job({ phase: 'rolled-back', tunnels: slaveLost }));
    const text = within(stillDown.box).getByTestId('job-outcome');
    expect(text.textContent).toBe('Rolled back, but still down: slave tunnel');
    expect(text.getAttribute('data-tone')).toBe('bad');
  });

  it('degraded and kept by the user says so; without rollbackable no Roll back is offered', () => {
    const { box } = renderProgress(job({ phase: 'degraded', keptBy: 'user', tunnels: slaveLost, rollbackable: false }));
    expect(within(box).getByTestId('job-outcome').textContent).toBe('Applied and kept by you; slave tunnel down since 13:14:02');
    expect(within(box).queryByRole('button', { name: 'Roll back' })).toBeNull();
  });

  it('unknown: cannot tell whether the change landed, Roll back offered', () => {
    const { box } = renderProgress(job({ phase: 'unknown', rollbackable: true, error: { code: 'Apply.OutcomeUnknown', message: 'The answer was lost.' } }));
    const outcome = within(box).getByTestId('job-outcome');
    expect(outcome.textContent).toContain('Could not tell whether the change landed');
    expect(outcome.classList.contains('ok')).toBe(false);
    expect(box.querySelector('.btn.primary')!.textContent).toBe('Roll back');
  });

  it('unknown after the tunnels could not be read: tunnel state unknown', () => {
    const { box } = renderProgress(job({ phase: 'unknown', rollbackable: true, tunnels: { ...allUp, now: [{ position: 'master', Status: '', health: 'unknown' }, { position: 'slave', Status: '', health: 'unknown' }] } }));
    expect(within(box).getByTestId('job-outcome').textContent).toBe('Applied; tunnel state unknown');
  });

  it('succeeded at the deadline is "Kept: every tunnel negotiated", never "confirmed"', () => {
    const { box } = renderProgress(job({ phase: 'succeeded', keptBy: 'negotiation', tunnels: allUp, rollbackable: true }));
    const outcome = within(box).getByTestId('job-outcome');
    expect(outcome.textContent).toBe('Kept: every tunnel negotiated');
    expect(outcome.classList.contains('ok')).toBe(true);
    expect(box.textContent).not.toMatch(/confirmed by negotiation/i);
  });

  it('succeeded without a window, or kept by the user', () => {
    renderProgress(job({ phase: 'succeeded', tunnels: allUp }));
    expect(screen.getByTestId('job-outcome').textContent).toBe('Succeeded: every tunnel negotiated');
  });

  it('a tunnel that was already down before is not painted green', () => {
    const before = [up('master'), down('slave')];
    const { box } = renderProgress(job({ phase: 'succeeded', tunnels: { before, now: before, checkedAt: at(13, 14, 20), losses: [] } }));
    const outcome = within(box).getByTestId('job-outcome');
    expect(outcome.classList.contains('ok')).toBe(false);
    expect(outcome.textContent).toBe('Succeeded; still down, as before the change: slave tunnel');
  });

  it('speaks 简体中文', async () => {
    await i18n.changeLanguage('zh-CN');
    const { box } = renderProgress(job({ phase: 'degraded', tunnels: slaveLost, rollbackable: true }));
    expect(within(box).getByTestId('job-outcome').textContent).toBe('已应用;备隧道自 13:14:02 起断开');
    expect(box.querySelector('.btn.primary')!.textContent).toBe('回滚');
  });

  it('the confirm window with a lost tunnel in 简体中文', async () => {
    await i18n.changeLanguage('zh-CN');
    const { box } = renderProgress(job({ phase: 'confirm-window', confirmDeadline: at(13, 15, 0), tunnels: slaveLost, rollbackable: true }));
    expect(within(box).getByRole('alert').textContent).toBe('备隧道自 13:14:02 起断开 — 变更前是连通的');
    const keep = within(box).getByRole('button', { name: '仍然保留' });
    fireEvent.click(keep);
    expect(keep.textContent).toBe('再次点击,在备隧道断开的情况下保留变更');
  });
});

describe('the job’s own read of the tunnels', () => {
  it('wins over an older live read and loses to a newer one', () => {
    const j = job({ phase: 'confirm-window', tunnels: slaveLost });
    const live = setField(DUAL, 'Name', 'x');
    const liveUp: VpnConnection = live.mode === 'dual' ? { ...live, tunnels: [live.tunnels[0], { ...live.tunnels[1], Status: 'ipsec_sa_established' }] } : live;
    expect(openHealth(liveUp, at(13, 10, 0), j)?.health).toBe('down');
    expect(openHealth(liveUp, at(13, 20, 0), j)?.health).toBe('up');
  });
});

// ---- the top bar countdown ------------------------------------------------------------------------------------------

describe('top-bar countdown', () => {
  it('shows a change of another connection counting down from any view, red when it lost a tunnel, and opens its timeline', async () => {
    const { main, user } = await renderStudio();
    await openConnection(user, /branch-1/);
    await user.click(screen.getByRole('button', { name: 'Drafts' }));
    const watched = job({ phase: 'confirm-window', createdAt: new Date().toISOString(), confirmDeadline: new Date(Date.now() + 40_000).toISOString(), tunnels: { ...slaveLost, checkedAt: new Date().toISOString() }, rollbackable: true });
    main.jobs.set(watched.jobId, watched);
    await act(async () => main.emit('jobUpdated', watched));
    const chip = await screen.findByTestId('watch-chip');
    expect(chip.textContent).toMatch(/^dc-1 dual BGP · tunnel down · rollback in (39|40|41) s$/);
    expect(chip.classList.contains('bad')).toBe(true);

    await user.click(chip);
    await screen.findByRole('heading', { level: 1, name: 'dc-1 dual BGP' });
    await waitFor(() => expect(screen.getByRole('tab', { name: /Timeline/ }).getAttribute('aria-selected')).toBe('true'));
    const progress = await screen.findByTestId('job-progress');
    expect(within(progress).getByRole('alert').textContent).toContain('Slave tunnel down since');
    expect(progress.querySelector('.btn.primary')!.textContent).toBe('Roll back');
    // The chip stays while the window is open; it goes once the job ends.
    expect(screen.getByTestId('watch-chip')).toBeTruthy();
    await act(async () => main.emit('jobUpdated', { ...watched, phase: 'rolled-back', rollbackable: false }));
    expect(screen.queryByTestId('watch-chip')).toBeNull();
  });

  it('shows the settle period too, and opens with the keyboard', async () => {
    const { main, user } = await renderStudio();
    await openConnection(user, /branch-1/);
    const settling = job({ phase: 'settling', createdAt: new Date().toISOString(), settleDeadline: new Date(Date.now() + 15_000).toISOString(), tunnels: { ...allUp, checkedAt: new Date().toISOString() } });
    main.jobs.set(settling.jobId, settling);
    await act(async () => main.emit('jobUpdated', settling));
    const chip = await screen.findByTestId('watch-chip');
    expect(chip.textContent).toMatch(/^dc-1 dual BGP · watching tunnels · (14|15|16) s$/);
    expect(chip.querySelector('.watch-name')!.textContent).toBe('dc-1 dual BGP');
    expect(chip.classList.contains('bad')).toBe(false);
    chip.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'dc-1 dual BGP' });
    await waitFor(() => expect(screen.getByRole('tab', { name: /Timeline/ }).getAttribute('aria-selected')).toBe('true'));
    expect((await screen.findByTestId('settle-countdown')).textContent).toMatch(/Watching every tunnel — \d+ s left/);
  });

  it('a watched job’s read of the tunnels colours the tree row', async () => {
    const inventory = snapshot();
    const raw = dualDescribe('vco-dual001', 'vpn-dual001', 1);
    raw.TunnelOptionsSpecification.TunnelOptions[1]!.Status = 'ipsec_sa_established';
    inventory.connections[0] = { RegionId: 'cn-hangzhou', connection: parseDescribeConnectionOrThrow(raw) };
    const { main } = await renderStudio({ inventory });
    expect(connectionRow(/dc-1 dual BGP/).querySelector(':scope > .dot')!.classList.contains('ok')).toBe(true);
    const watched = job({ phase: 'confirm-window', createdAt: new Date().toISOString(), confirmDeadline: new Date(Date.now() + 40_000).toISOString(), tunnels: { ...slaveLost, checkedAt: new Date().toISOString() } });
    await act(async () => main.emit('jobUpdated', watched));
    expect(connectionRow(/dc-1 dual BGP/).querySelector(':scope > .dot')!.classList.contains('bad')).toBe(true);
  });
});

describe('job updates arriving out of order', () => {
  it('a late reply to Roll back does not take a rolled-back job back to its confirm window', async () => {
    const { main, user } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    const t0 = Date.now();
    const waiting = job({ phase: 'confirm-window', createdAt: new Date(t0).toISOString(), updatedAt: new Date(t0).toISOString(), confirmDeadline: new Date(t0 + 60_000).toISOString(), tunnels: { ...slaveLost, checkedAt: new Date(t0).toISOString() }, rollbackable: true });
    main.jobs.set(waiting.jobId, waiting);
    await act(async () => main.emit('jobUpdated', waiting));
    let answer: (value: JobSummary) => void = () => undefined;
    main.handlers.rollbackJob = () => new Promise<JobSummary>((resolve) => (answer = resolve));
    await user.click(within(await screen.findByTestId('job-progress')).getByRole('button', { name: 'Roll back' }));
    // The pushes overtake the reply.
    await act(async () => main.emit('jobUpdated', { ...waiting, phase: 'rolling-back', updatedAt: new Date(t0 + 20).toISOString() }));
    await act(async () => main.emit('jobUpdated', { ...waiting, phase: 'rolled-back', rollbackable: false, updatedAt: new Date(t0 + 900).toISOString() }));
    await act(async () => answer({ ...waiting, updatedAt: new Date(t0 + 10).toISOString() }));
    await user.click(screen.getByRole('tab', { name: /Timeline/ }));
    expect(screen.getByTestId('job-progress').getAttribute('data-phase')).toBe('rolled-back');
    expect(screen.queryByTestId('watch-chip')).toBeNull();
  });
});
