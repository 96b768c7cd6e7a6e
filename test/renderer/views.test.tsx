import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DraftRecord, DraftSummary, JobSummary } from '../../core/contract.ts';
import { setField } from '../../core/index.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { FakeApiError } from './support/fake-api.ts';
import { input, openConnection, renderStudio } from './support/render.tsx';
import { DUAL } from './support/sample-data.ts';

const nav = (name: string | RegExp) => within(screen.getByRole('navigation', { name: /Views|视图/ })).getByRole('button', { name });

describe('settings', () => {
  it('switches the language of every label, field labels and rule messages included, and stores the choice', async () => {
    const { user, main } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    await user.clear(input('TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr'));
    await user.type(input('TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr'), '10.0.0.0/30');
    await user.click(nav('Settings'));
    await user.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    expect(await screen.findByRole('heading', { level: 1, name: '设置' })).toBeTruthy();
    expect(main.calls).toContainEqual({ method: 'updateSettings', args: { language: 'zh-CN' } });
    expect(document.documentElement.lang).toBe('zh-CN');
    await user.click(nav(/编辑器/));
    expect(document.querySelector('[data-path="TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr"] .label-text')!.textContent).toBe('隧道网段');
    expect(screen.getByText('隧道网段须在 169.254.0.0/16 内。')).toBeTruthy();
    expect(screen.getByRole('tab', { name: /预览/ })).toBeTruthy();
    await user.click(nav('设置'));
    await user.selectOptions(screen.getByLabelText('语言'), 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
  });

  it('applies the theme to <html data-theme> and lists the shortcuts and storage', async () => {
    const { user } = await renderStudio();
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.click(nav('Settings'));
    await user.selectOptions(screen.getByLabelText('Theme'), 'dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    const shortcuts = screen.getByTestId('shortcut-list');
    for (const text of ['Save draft', 'Ctrl+S', 'Ctrl+Enter', 'Ctrl+P', 'F7', 'Shift+F7', 'Ctrl+\\']) expect(shortcuts.textContent).toContain(text);
    expect((await screen.findByTestId('data-folder')).textContent).toBe('/home/user/.config/ipsec-studio');
    expect(screen.getByTestId('app-version').textContent).toBe('0.1.0');
  });
});

describe('drafts and profiles', () => {
  it('lists drafts with base age, changes and conflicts, and opens one', async () => {
    const summary: DraftSummary = {
      draftId: 'd1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL.VpnConnectionId, VpnGatewayId: DUAL.VpnGatewayId, Name: DUAL.Name,
      baseFetchedAt: new Date(Date.now() - 3 * 3600_000).toISOString(), updatedAt: new Date().toISOString(), changedFieldCount: 3, conflictCount: 1, status: 'conflict',
      readiness: { ready: false, reason: 'conflicts', issueCount: 1 },
    };
    const record: DraftRecord = {
      draftId: 'd1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL.VpnConnectionId, VpnGatewayId: DUAL.VpnGatewayId,
      base: DUAL, baseFetchedAt: summary.baseFetchedAt, draft: setField(DUAL, 'Name', 'mine'), createdAt: summary.updatedAt, updatedAt: summary.updatedAt, status: 'conflict',
      conflicts: [{ path: 'Name', base: DUAL.Name, draft: 'mine', live: 'theirs' }],
    };
    const { user, main } = await renderStudio({
      handlers: { listDrafts: () => [summary], getDraft: () => record, resolveConflict: () => ({ ...record, draft: setField(DUAL, 'Name', 'theirs'), conflicts: [], status: 'editing' }) },
    });
    await user.click(nav(/^Drafts/));
    const row = within(screen.getByTestId('drafts-table')).getByRole('row', { name: /dc-1 dual BGP/ });
    expect(row.textContent).toContain('3 hours ago');
    expect(row.textContent).toContain('conflict');
    await user.click(within(row).getByRole('button', { name: /^Open/ }));
    const conflicts = await screen.findByTestId('conflicts');
    expect(within(conflicts).getByRole('row', { name: /Name/ }).textContent).toMatch(/dc-1 dual BGP.*theirs.*mine/);
    await user.click(within(conflicts).getByRole('button', { name: 'Take live: Name' }));
    expect(main.calls).toContainEqual({ method: 'resolveConflict', args: { draftId: 'd1', path: 'Name', take: 'live' } });
    await waitFor(() => expect(screen.queryByTestId('conflicts')).toBeNull());
    expect((input('Name') as HTMLInputElement).value).toBe('theirs');
  });

  it('shows a draft whose last apply left a tunnel down as such, not just "applied"', async () => {
    const at = new Date().toISOString();
    const summary: DraftSummary = {
      draftId: 'd1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL.VpnConnectionId, VpnGatewayId: DUAL.VpnGatewayId, Name: DUAL.Name,
      baseFetchedAt: at, updatedAt: at, changedFieldCount: 0, conflictCount: 0, status: 'applied', readiness: { ready: false, reason: 'applied' },
    };
    const job: JobSummary = {
      jobId: 'j1', draftId: 'd1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL.VpnConnectionId, VpnGatewayId: DUAL.VpnGatewayId,
      phase: 'degraded', ClientToken: 'j1', createdAt: at, updatedAt: at, attempts: 1, fieldErrors: [], rollbackable: true,
    };
    const { user } = await renderStudio({ handlers: { listDrafts: () => [summary], listJobs: () => [job] } });
    await user.click(nav(/^Drafts/));
    const row = within(screen.getByTestId('drafts-table')).getByRole('row', { name: /dc-1 dual BGP/ });
    const outcome = await within(row).findByTestId('draft-outcome');
    expect(outcome.textContent).toBe(en.timeline.phase.degraded);
    expect(outcome.classList.contains('bad')).toBe(true);
  });

  it('lists applied drafts no more, in the table or the tab count, unless their apply left a tunnel down', async () => {
    const at = new Date().toISOString();
    const row = (draftId: string, Name: string, status: DraftSummary['status']): DraftSummary => ({
      draftId, profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: `vco-${draftId}`, VpnGatewayId: DUAL.VpnGatewayId, Name,
      baseFetchedAt: at, updatedAt: at, changedFieldCount: status === 'applied' ? 0 : 1, conflictCount: 0, status,
      readiness: status === 'applied' ? { ready: false, reason: 'applied' } : { ready: true },
    });
    const degraded: JobSummary = {
      jobId: 'j1', draftId: 'down', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-down', VpnGatewayId: DUAL.VpnGatewayId,
      phase: 'degraded', ClientToken: 'j1', createdAt: at, updatedAt: at, attempts: 1, fieldErrors: [], rollbackable: true,
    };
    const { user } = await renderStudio({
      handlers: { listDrafts: () => [row('open', 'still editing', 'editing'), row('done', 'applied fine', 'applied'), row('down', 'applied, slave down', 'applied')], listJobs: () => [degraded] },
    });
    await waitFor(() => expect(nav(/^Drafts/).textContent).toContain('2'));
    await user.click(nav(/^Drafts/));
    const table = screen.getByTestId('drafts-table');
    await within(table).findByRole('row', { name: /applied, slave down/ });
    expect(within(table).getByRole('row', { name: /still editing/ })).toBeTruthy();
    expect(within(table).queryByRole('row', { name: /applied fine/ })).toBeNull();
  });

  it('offers one Import control: the file input behind it is not a second button', async () => {
    const { user } = await renderStudio();
    await user.click(nav(/^Drafts/));
    expect(screen.getAllByRole('button', { name: en.drafts.import })).toHaveLength(1);
    expect(screen.queryByLabelText(en.drafts.import, { selector: 'input' })).toBeNull();
  });

  it('applies only the ready drafts, after listing them and what it leaves out and why', async () => {
    const base = {
      profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnGatewayId: DUAL.VpnGatewayId, baseFetchedAt: new Date().toISOString(), updatedAt: new Date().toISOString(), conflictCount: 0,
    } as const;
    const list: DraftSummary[] = [
      { ...base, draftId: 'r1', VpnConnectionId: 'vco-r1', Name: 'ready one', changedFieldCount: 2, status: 'editing', readiness: { ready: true } },
      { ...base, draftId: 'r2', VpnConnectionId: 'vco-r2', Name: 'ready two', changedFieldCount: 1, status: 'editing', readiness: { ready: true } },
      // Changed, no conflicts, status editing — the case that used to be queued and fail: rule errors.
      { ...base, draftId: 'e1', VpnConnectionId: 'vco-e1', Name: 'broken cidr', changedFieldCount: 1, status: 'editing', readiness: { ready: false, reason: 'rules', issueCount: 2 } },
      { ...base, draftId: 'c1', VpnConnectionId: 'vco-c1', Name: 'has conflict', changedFieldCount: 1, status: 'conflict', conflictCount: 1, readiness: { ready: false, reason: 'conflicts', issueCount: 1 } },
      { ...base, draftId: 'u1', VpnConnectionId: 'vco-u1', Name: 'unchanged', changedFieldCount: 0, status: 'editing', readiness: { ready: false, reason: 'no-changes' } },
      { ...base, draftId: 'n1', VpnConnectionId: 'vco-n1', Name: 'unknown gateway', changedFieldCount: 1, status: 'editing', readiness: { ready: false, reason: 'not-loaded' } },
      { ...base, draftId: 'a1', VpnConnectionId: 'vco-a1', Name: 'applying', changedFieldCount: 1, status: 'applying', readiness: { ready: false, reason: 'busy' } },
      { ...base, draftId: 'h1', VpnConnectionId: 'vco-h1', Name: 'history', changedFieldCount: 1, status: 'applied', readiness: { ready: false, reason: 'applied' } },
    ];
    const { user, main } = await renderStudio({ handlers: { listDrafts: () => list, applyDrafts: () => [] } });
    await user.click(nav(/^Drafts/));
    // Each row says whether it is ready, and why not.
    const table = screen.getByTestId('drafts-table');
    expect(within(within(table).getByRole('row', { name: /broken cidr/ })).getByTestId('readiness').textContent).toBe('2 rule errors — open it to fix');
    expect(within(within(table).getByRole('row', { name: /ready one/ })).getByTestId('readiness').textContent).toBe('Ready');
    await user.click(screen.getByRole('button', { name: 'Apply ready drafts (2)' }));
    const dialog = screen.getByRole('dialog', { name: 'Apply 2 drafts?' });
    expect(within(dialog).getByTestId('apply-ready-list').textContent).toMatch(/ready one.*2 changes.*ready two.*1 change/);
    expect(within(dialog).getByTestId('apply-ready-list').textContent).not.toMatch(/broken cidr|has conflict|unchanged|unknown gateway|applying|history/);
    const leftOut = within(dialog).getByRole('list', { name: 'Left out (5)' });
    expect([...leftOut.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'broken cidr — 2 rule errors — open it to fix',
      'has conflict — Conflicts with the live connection on 1 field',
      'unchanged — No changes',
      'unknown gateway — Its gateway is not in the loaded inventory — refresh the inventory',
      'applying — Being applied',
    ]);
    expect(main.calls.some((c) => c.method === 'applyDrafts')).toBe(false);
    await user.keyboard('{Enter}');
    expect(main.calls).toContainEqual({ method: 'applyDrafts', args: { draftIds: ['r1', 'r2'], confirmWindowSeconds: expect.any(Number) } });
    await waitFor(() => expect(screen.getAllByRole('status').some((e) => e.textContent?.includes('2 drafts queued'))).toBe(true));
  });

  it('counts readiness from main, not from the change and conflict counts: two drafts with rule errors are not "ready"', async () => {
    const { user } = await renderStudio();
    // Two drafts main judged against the gateway's inventory: changed, no conflicts, editing — but a rule fails.
    for (const [name, path, value] of [
      [/dc-1 dual BGP/, 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr', '10.0.0.0/30'],
      [/branch-2/, 'Name', 'https://branch-2'],
    ] as const) {
      await openConnection(user, name);
      await user.clear(input(path));
      await user.type(input(path), value);
      expect(screen.getByTestId('error-count').textContent).not.toBe('0 errors');
      await user.keyboard('{Control>}s{/Control}');
      await screen.findByText('Saved');
    }
    await user.click(nav(/^Drafts/));
    const table = screen.getByTestId('drafts-table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    for (const cell of within(table).getAllByTestId('readiness')) expect(cell.textContent).toMatch(/rule error/);
    expect((screen.getByRole('button', { name: 'Apply ready drafts (0)' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says which draft stopped "apply ready drafts", in words, with the code kept for support only', async () => {
    const summary: DraftSummary = {
      draftId: 'r1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-r1', VpnGatewayId: DUAL.VpnGatewayId, Name: 'ready one',
      baseFetchedAt: new Date().toISOString(), updatedAt: new Date().toISOString(), changedFieldCount: 1, conflictCount: 0, status: 'editing', readiness: { ready: true },
    };
    const { user } = await renderStudio({
      handlers: { listDrafts: () => [summary], applyDrafts: () => { throw new FakeApiError({ code: 'Draft.Applied', message: 'The draft of ready one was applied already.', field: 'draftIds.0', params: { name: 'ready one' } }); } },
    });
    await user.click(nav(/^Drafts/));
    await user.click(screen.getByRole('button', { name: 'Apply ready drafts (1)' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Apply 1 draft' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The draft of ready one was applied already.');
    expect(alert.getAttribute('data-code')).toBe('Draft.Applied');
  });

  it('asks before discarding a draft, naming the connection and the changed fields; Esc keeps it', async () => {
    const { user, main } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    await user.type(input('Name'), '!');
    await user.selectOptions(input('TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs'), 'group5');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByText('Saved');
    await user.click(nav(/^Drafts/));
    const discardButton = screen.getByRole('button', { name: 'Discard: dc-1 dual BGP!' });
    await user.click(discardButton);
    const dialog = await screen.findByRole('dialog', { name: 'Discard the draft of dc-1 dual BGP!?' });
    await waitFor(() => expect(within(dialog).getByText('These 2 changed fields will be lost:')).toBeTruthy());
    expect([...within(dialog).getByTestId('discard-fields').querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Name', 'Slave tunnel · DH group']);
    // The safe choice has focus; Esc closes without discarding and focus returns to the row's Discard button.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep the draft' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(discardButton);
    expect(main.calls.some((c) => c.method === 'discardDraft')).toBe(false);
    await user.click(discardButton);
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(main.calls.some((c) => c.method === 'discardDraft')).toBe(true));
    expect(await screen.findByText('Draft of dc-1 dual BGP! discarded.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Drafts' })));
  });

  it('adds a profile, imports from the aliyun CLI and shows the keychain status', async () => {
    const { user, main } = await renderStudio({
      handlers: {
        createProfile: () => ({ profileId: 'p2', name: 'prod', kind: 'AccessKey', regionId: 'cn-shanghai', accessKeyIdMasked: 'LTAI****abcd', hasSecret: true, sessionOnly: false, builtIn: false }),
        importProfiles: () => ({ imported: [], skipped: [{ name: 'old', reason: 'no secret' }] }),
      },
    });
    await user.click(nav('Profiles'));
    expect(screen.getByTestId('profiles-keychain').textContent).toContain('Secret Service (libsecret) (available)');
    await user.type(screen.getByLabelText('Name'), 'prod');
    await user.clear(screen.getByLabelText('Default region'));
    await user.type(screen.getByLabelText('Default region'), 'cn-shanghai');
    await user.type(screen.getByLabelText('AccessKey ID'), 'LTAI5tExample');
    await user.type(screen.getByLabelText('AccessKey secret'), 's3cr3t');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(main.calls).toContainEqual({
      method: 'createProfile',
      args: { name: 'prod', regionId: 'cn-shanghai', credential: { kind: 'AccessKey', accessKeyId: 'LTAI5tExample', accessKeySecret: 's3cr3t' } },
    });
    await user.click(screen.getByRole('button', { name: 'Import from aliyun CLI' }));
    expect(await screen.findByText('Imported 0, skipped 1. old: no secret')).toBeTruthy();
  });
});

describe('offline', () => {
  it('shows offline, keeps editing and saving, and disables apply', async () => {
    const { user, main } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    await act(async () => main.emit('connectivity', { online: false, checkedAt: new Date().toISOString(), reason: 'ECONNRESET' }));
    expect(screen.getByTestId('connectivity').textContent).toBe('Offline');
    expect(screen.getByTestId('offline-banner').textContent).toContain('Drafting keeps working');
    await user.type(input('Name'), '!');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(main.calls.map((c) => c.method)).toContain('saveDraft'));
    expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Apply is disabled while offline.')).toBeTruthy();
    // Typed offline and not yet saved when the API comes back: saved at once, then the inventory fetched again. The
    // drafts themselves are reconciled by main (test/services/reconnect-reconcile.test.ts), not from here.
    await user.type(input('Name'), '?');
    const before = main.calls.length;
    await act(async () => main.emit('connectivity', { online: true, checkedAt: new Date().toISOString() }));
    expect(screen.getByTestId('connectivity').textContent).toBe('Online');
    await waitFor(() => expect(main.calls.slice(before).map((c) => c.method)).toContain('loadInventory'));
    const after = main.calls.slice(before);
    const saved = after.findIndex((c) => c.method === 'saveDraft');
    expect(saved).toBeGreaterThanOrEqual(0);
    expect((after[saved]!.args as { draft: { Name: string } }).draft.Name).toMatch(/!\?$/);
    expect(after.findIndex((c) => c.method === 'loadInventory')).toBeGreaterThan(saved);
    expect(after.find((c) => c.method === 'loadInventory')!.args).toEqual({ refresh: true });
    expect(main.calls.map((c) => c.method)).not.toContain('reconcileDraft');
  });

  it('says why a draft could not be saved', async () => {
    const { user } = await renderStudio({
      handlers: {
        saveDraft: () => {
          throw new FakeApiError({ code: 'Store.Unwritable', message: 'The data folder is read-only.' });
        },
      },
    });
    await openConnection(user, /dc-1 dual BGP/);
    await user.type(input('Name'), '!');
    await user.keyboard('{Control>}s{/Control}');
    expect((await screen.findByRole('alert')).textContent).toBe('The data folder is read-only. (Store.Unwritable)');
    expect(screen.getByTestId('save-state').textContent).toBe('Unsaved changes');
  });
});

describe('inventory status', () => {
  it('shows progress with a cancel button, and regions that could not be read', async () => {
    const inventory = { ...(await import('./support/sample-data.ts')).snapshot(), errors: [{ code: 'Forbidden', message: 'not allowed', RegionId: 'eu-central-1' }] };
    const { main, user } = await renderStudio({ inventory, handlers: { cancelInventory: () => ({ cancelled: true }) } });
    expect(screen.getByText('1 region could not be read (kept from the last snapshot)')).toBeTruthy();
    expect(screen.getByText(/This account is not allowed to do this \(RAM permissions\)/).closest('li')!.textContent).toMatch(/^eu-central-1: This account/);
    await act(async () => main.emit('inventoryProgress', { profileId: 'sandbox', phase: 'connections', completedRequests: 3, totalRequests: 8 }));
    expect(screen.getByTestId('inventory-status').textContent).toBe('Loading inventory… 3/8');
    await user.click(screen.getByRole('button', { name: 'Cancel loading' }));
    expect(main.calls.map((c) => c.method)).toContain('cancelInventory');
    await act(async () => main.emit('inventoryProgress', { profileId: 'sandbox', phase: 'cancelled', completedRequests: 3, totalRequests: 8 }));
    expect(screen.getByTestId('inventory-status').textContent).toBe('3 gateways · 3 connections');
  });
});
