import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionRead, DraftRecord } from '../../core/contract.ts';
import { draftReadiness, editableFields, MASK, setField } from '../../core/index.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { FakeApiError } from './support/fake-api.ts';
import { input, openConnection, renderStudio } from './support/render.tsx';
import { DUAL, snapshot } from './support/sample-data.ts';

const SLAVE = 'TunnelOptionsSpecification.2';

function diffPaths(): string[] {
  return [...document.querySelectorAll('[data-testid="diff-rows"] .diff-row')].map((r) => r.getAttribute('data-path') ?? '');
}

describe('side-by-side editor', () => {
  it('names every input by its API parameter path and shows Live next to Draft', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    for (const def of editableFields('dual')) {
      if (def.kind === 'multiline') continue; // only on SM gateways
      expect(input(def.path), def.path).toBeTruthy();
    }
    expect(input(`${SLAVE}.TunnelIkeConfig.Psk`).getAttribute('type')).toBe('password');
    const row = document.querySelector(`[data-path="${SLAVE}.TunnelIpsecConfig.IpsecPfs"]`)!;
    expect(within(row as HTMLElement).getByText('group14', { selector: '[data-column="live"]' })).toBeTruthy();
    // Every control has an accessible name.
    for (const el of document.querySelectorAll<HTMLElement>('#editor-grid input, #editor-grid select')) {
      const labelled = el.getAttribute('aria-label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
      expect(labelled, el.getAttribute('name') ?? '').toBeTruthy();
    }
  });

  it('names the customer gateway in the header: name, id and address when the inventory has it, the id otherwise', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /branch-1/);
    expect(screen.getByTestId('customer-gateway').textContent).toBe('branch office 1 (cgw-s1, 203.0.113.21)');
    await openConnection(user, /dc-1 dual BGP/);
    const dual = DUAL.mode === 'dual' ? DUAL.tunnels.map((t) => t.CustomerGatewayId).join(' · ') : '';
    expect(screen.getByTestId('customer-gateway').textContent).toBe(dual);
  });

  it('slave PSK and IpsecPfs edits: the diff shows exactly those two, PSK masked, in the request too', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    const psk = input(`${SLAVE}.TunnelIkeConfig.Psk`) as HTMLInputElement;
    await user.clear(psk);
    await user.type(psk, 'NewSlaveKey42');
    await user.selectOptions(input(`${SLAVE}.TunnelIpsecConfig.IpsecPfs`), 'group5');
    expect(diffPaths()).toEqual([`${SLAVE}.TunnelIkeConfig.Psk`, `${SLAVE}.TunnelIpsecConfig.IpsecPfs`]);
    const pskRow = document.querySelector(`.diff-row[data-path="${SLAVE}.TunnelIkeConfig.Psk"]`)!;
    expect(pskRow.textContent).toContain(MASK);
    expect(pskRow.textContent).not.toContain('NewSlaveKey42');
    // Masked dots alone would read the same on both sides: each side says its length and fingerprint.
    const facts = await within(pskRow as HTMLElement).findAllByTestId('secret-facts');
    await waitFor(() => expect(facts.map((f) => f.textContent)).toEqual([expect.stringMatching(/^\(\d+ characters · fingerprint [0-9a-f]{4} [0-9a-f]{4}\)$/), expect.stringMatching(/^\(13 characters · fingerprint [0-9a-f]{4} [0-9a-f]{4}\)$/)]));
    // What the other end gets with: printf '%s' NewSlaveKey42 | sha256sum | cut -c1-8
    expect(facts[1]!.textContent).toContain('dafe 6c84');
    expect(facts[0]!.textContent).not.toBe(facts[1]!.textContent);
    const json = screen.getByTestId('request-json').textContent!;
    expect(json).not.toContain('NewSlaveKey42');
    expect(json).toContain('"IpsecPfs": "group5"');
    // Only the changed tunnel is sent, so the slave is element 1 on the wire, identified by its TunnelId and Role.
    const cli = screen.getByTestId('request-cli').textContent!;
    expect(cli).toContain('--TunnelOptionsSpecification.1.Role slave');
    expect(cli).toContain('--TunnelOptionsSpecification.1.TunnelIpsecConfig.IpsecPfs group5');
    expect(cli).not.toContain('Role master');
    // Changed rows are highlighted; unchanged ones are not.
    expect(document.querySelector(`[data-path="${SLAVE}.TunnelIkeConfig.Psk"]`)!.classList.contains('changed')).toBe(true);
    expect(document.querySelector(`[data-path="TunnelOptionsSpecification.1.TunnelIkeConfig.Psk"]`)!.classList.contains('changed')).toBe(false);
    expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(false);
    // The copy buttons copy what is shown: the masked request and the CLI command, never the key.
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void copied.push(text) } });
    await user.click(screen.getByTestId('copy-request'));
    await user.click(screen.getByTestId('copy-cli'));
    expect(copied).toEqual([json, cli]);
    expect(copied.join('')).not.toContain('NewSlaveKey42');
    expect(screen.getByTestId('copy-cli').textContent).toBe('Copied');
    // Revealing the secrets shows the typed key in the request (and the copy button copies what is shown).
    await user.click(screen.getByRole('switch', { name: 'Show secrets' }));
    expect(screen.getByTestId('request-json').textContent).toContain('NewSlaveKey42');
  });

  it('an invalid TunnelCidr shows its rule error inline and keeps apply disabled', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    const cidr = input(`${SLAVE}.TunnelBgpConfig.TunnelCidr`) as HTMLInputElement;
    await user.clear(cidr);
    await user.type(cidr, '169.254.1.0/29');
    expect(cidr.getAttribute('aria-invalid')).toBe('true');
    const errors = document.getElementById(cidr.getAttribute('aria-describedby')!)!;
    expect(errors.textContent).toMatch(/\/30/);
    expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/fix the rule errors first/)).toBeTruthy();
    // Fixing it (network and local BGP address together) re-enables apply on the next keystroke.
    await user.clear(cidr);
    await user.type(cidr, '169.254.50.0/30');
    expect(cidr.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByTestId('error-count').textContent).toBe('1 error'); // LocalBgpIp now outside the network
    const bgpIp = input(`${SLAVE}.TunnelBgpConfig.LocalBgpIp`) as HTMLInputElement;
    await user.clear(bgpIp);
    await user.type(bgpIp, '169.254.50.1');
    expect(screen.getByTestId('error-count').textContent).toBe('0 errors');
    expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(false);
  });

  it('limits enumerations to what the gateway type allows', async () => {
    const sm = snapshot();
    sm.gateways = sm.gateways.map((g) => (g.VpnGatewayId === 'vpn-single001' ? { ...g, VpnType: 'NationalStandard' as const } : g));
    const { user } = await renderStudio({ inventory: sm });
    await openConnection(user, /branch-1/);
    const enc = input('IkeConfig.IkeEncAlg') as HTMLSelectElement;
    const enabled = [...enc.options].filter((o) => !o.disabled).map((o) => o.value);
    expect(enabled).toEqual(['sm4']);
    // The live value (aes) stays visible and is flagged, as a warning: an untouched field never blocks a change.
    expect(enc.value).toBe('aes');
    expect(enc.getAttribute('aria-invalid')).not.toBe('true');
    expect(document.getElementById(enc.getAttribute('aria-describedby')!)!.querySelector('.field-warning[data-code="Rule.Enum.NotAllowed"]')).not.toBeNull();
  });

  it('shows a single-tunnel request\'s JSON-string groups nested and readable, and says they travel as strings', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /branch-2/);
    await user.selectOptions(input('IkeConfig.IkeEncAlg'), 'aes256');
    const json = screen.getByTestId('request-json').textContent!;
    expect(json).toMatch(/"IkeConfig": \{\n\s+"[A-Za-z]+"/);
    expect(json).toContain('"IkeEncAlg": "aes256"');
    expect(json).not.toContain('\\"');
    expect(screen.getByTestId('request-note').textContent).toBe(en.diff.stringGroups.replace('{{groups}}', 'IkeConfig'));
    // The CLI line is what is typed: there the group stays one JSON string.
    expect(screen.getByTestId('request-cli').textContent).toMatch(/--IkeConfig '\{"/);
  });

  it('edits CIDR lists as chips and booleans as switches', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /branch-2/);
    const chipInput = input('LocalSubnet') as HTMLInputElement;
    await user.type(chipInput, '10.20.0.0/16{Enter}');
    expect(diffPaths()).toContain('LocalSubnet');
    expect(screen.getByText('10.20.0.0/16')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove 10.20.0.0/16' }));
    expect(diffPaths()).not.toContain('LocalSubnet');
    const dpd = input('EnableDpd') as HTMLInputElement;
    expect(dpd.getAttribute('role')).toBe('switch');
    await user.click(dpd);
    expect(diffPaths()).toEqual(['EnableDpd']);
  });

  it('reveals a PSK only on request', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    const psk = input('TunnelOptionsSpecification.1.TunnelIkeConfig.Psk') as HTMLInputElement;
    expect(psk.type).toBe('password');
    await user.click(screen.getByRole('button', { name: 'Show the value of Master tunnel · Pre-shared key', pressed: false }));
    expect(psk.type).toBe('text');
    expect((input('TunnelOptionsSpecification.2.TunnelIkeConfig.Psk') as HTMLInputElement).type).toBe('password');
    // The diff preview still masks until its own reveal switch is on.
    expect(screen.getByRole('switch', { name: 'Show secrets' })).toHaveProperty('checked', false);
  });

  it('copies a section from master to slave in tunnel side-by-side mode (Ctrl+\\)', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    fireEvent.keyDown(window, { key: '\\', ctrlKey: true });
    expect(await screen.findByRole('group', { name: 'Tunnels side by side' })).toBeTruthy();
    await user.selectOptions(input('TunnelOptionsSpecification.1.TunnelIpsecConfig.IpsecEncAlg'), 'aes256');
    await user.click(screen.getByRole('button', { name: 'Copy to slave → (Phase 2 (IPsec))' }));
    expect((input(`${SLAVE}.TunnelIpsecConfig.IpsecEncAlg`) as HTMLSelectElement).value).toBe('aes256');
    expect(diffPaths()).toEqual(['TunnelOptionsSpecification.1.TunnelIpsecConfig.IpsecEncAlg', `${SLAVE}.TunnelIpsecConfig.IpsecEncAlg`]);
    fireEvent.keyDown(window, { key: '\\', ctrlKey: true });
    expect(screen.queryByRole('group', { name: 'Tunnels side by side' })).toBeNull();
  });

  it('compares with another connection and copies a value into the draft', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /branch-2/);
    await user.click(screen.getByRole('button', { name: 'Compare with…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Compare with a connection' });
    await user.type(within(dialog).getByRole('combobox'), 'branch-1{Enter}');
    await user.click(screen.getByRole('button', { name: '← Copy Remote subnet from branch-1 into the draft' }));
    expect((document.querySelector('[data-path="RemoteSubnet"] .chip')?.textContent ?? '')).toContain('192.168.1.0/24');
    expect(diffPaths()).toContain('RemoteSubnet');
  });

  it('fetches full connections only for the gateways it shows: the open one and the compared one', async () => {
    const { main, user } = await renderStudio();
    const fetched = () => main.calls.filter((c) => c.method === 'loadGatewayConnections').map((c) => (c.args as { VpnGatewayIds: string[] }).VpnGatewayIds);
    expect(fetched()).toEqual([]);
    await openConnection(user, /dc-1 dual BGP/);
    expect(fetched()).toEqual([['vpn-dual001']]);
    await user.click(screen.getByRole('button', { name: 'Compare with…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Compare with a connection' });
    await user.type(within(dialog).getByRole('combobox'), 'branch-1{Enter}');
    await screen.findAllByRole('button', { name: /Copy .* from branch-1 into the draft/ });
    expect(fetched()).toEqual([['vpn-dual001'], ['vpn-single001']]);
  });

  it('checks the rules against the gateway siblings it fetched, and says so when they cannot be fetched', async () => {
    // branch-2 moved onto branch-1's customer gateway: same VPN gateway and peer, so their PSKs must match.
    const shared = snapshot();
    shared.connections = shared.connections.map((e) =>
      e.connection.VpnConnectionId === 'vco-single002' ? { ...e, connection: { ...e.connection, CustomerGatewayId: 'cgw-s1' } } : e,
    );
    const { user, view } = await renderStudio({ inventory: shared });
    await openConnection(user, /branch-2/);
    const psk = input('IkeConfig.Psk');
    // The live PSK differs: a warning until a change sends IkeConfig, then an error.
    expect(psk.getAttribute('aria-invalid')).not.toBe('true');
    expect(document.getElementById(psk.getAttribute('aria-describedby')!)!.textContent).toContain('Connection vco-single001 uses the same VPN gateway and customer gateway');
    await user.selectOptions(input('IkeConfig.IkePfs'), 'group14');
    expect(input('IkeConfig.Psk').getAttribute('aria-invalid')).toBe('true');
    view.unmount();

    let down = true;
    const failing = await renderStudio({
      handlers: {
        loadGatewayConnections: (args) => {
          if (down) throw new FakeApiError({ code: 'Ipc.TransportFailed', message: 'main went away' });
          const ids = (args as { VpnGatewayIds: string[] }).VpnGatewayIds;
          return { profileId: shared.profileId, fetchedAt: shared.fetchedAt, connections: shared.connections.filter((e) => ids.includes(e.connection.VpnGatewayId)) };
        },
      },
    });
    await failing.user.click(within(screen.getByRole('tree')).getByRole('treeitem', { name: /branch-1/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load this connection: The window lost contact with the app’s main process.');
    expect(screen.queryByTestId('apply')).toBeNull();
    down = false;
    await failing.user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByRole('heading', { level: 1, name: 'branch-1' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('edits from the live state read when the connection is opened, not from the inventory copy', async () => {
    let fail = true;
    const { main, user } = await renderStudio();
    const inventoryCopy = main.handlers.refreshConnection!;
    main.handlers.refreshConnection = async (args) => {
      if (fail) throw new FakeApiError({ code: 'InvalidVpnConnectionInstanceId.NotFound', message: 'The connection does not exist.' });
      const read = (await inventoryCopy(args)) as ConnectionRead;
      return { ...read, entry: { ...read.entry!, connection: { ...read.entry!.connection, Name: 'renamed in the console' } } };
    };
    await user.click(within(screen.getByRole('tree')).getByRole('treeitem', { name: /branch-2/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The IPsec connection does not exist.');
    expect(document.querySelector('#editor-grid')).toBeNull();
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByRole('heading', { level: 1, name: 'renamed in the console' });
    expect((input('Name') as HTMLInputElement).value).toBe('renamed in the console');
  });

  it('shows no analysis and no Apply until the gateway’s connections are in', async () => {
    let release: () => void = () => undefined;
    const { main, user } = await renderStudio();
    const original = main.handlers.loadGatewayConnections!;
    main.handlers.loadGatewayConnections = (args) => new Promise((resolve) => (release = () => resolve(original(args) as never)));
    await user.click(within(screen.getByRole('tree')).getByRole('treeitem', { name: /branch-2/ }));
    await screen.findByText('Loading…');
    expect(screen.queryByTestId('apply')).toBeNull();
    expect(document.querySelector('#editor-grid')).toBeNull();
    release();
    await screen.findByRole('heading', { level: 1, name: 'branch-2' });
    expect(screen.getByTestId('apply')).toBeTruthy();
  });

  it('saves with Ctrl+S and lazily creates the draft in main', async () => {
    const { user, main } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    expect(main.calls.some((c) => c.method === 'openDraft')).toBe(false);
    await user.type(input('Name'), 'X');
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await waitFor(() => expect(main.calls.map((c) => c.method)).toContain('saveDraft'));
    const saved = main.calls.find((c) => c.method === 'saveDraft')!.args as { draft: { Name: string } };
    expect(saved.draft.Name).toBe(`${DUAL.Name}X`);
    expect(await screen.findByText('Saved')).toBeTruthy();
    // The tree marks the connection as having a draft.
    expect(await screen.findByTitle('Has a draft')).toBeTruthy();
  });

  it('F7 moves focus to the next changed field', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    await user.type(input('Name'), 'Y');
    await user.selectOptions(input(`${SLAVE}.TunnelIpsecConfig.IpsecPfs`), 'group5');
    (document.querySelector('[role="tree"]') as HTMLElement).focus();
    fireEvent.keyDown(window, { key: 'F7' });
    expect(document.activeElement?.getAttribute('name')).toBe('Name');
    fireEvent.keyDown(window, { key: 'F7' });
    expect(document.activeElement?.getAttribute('name')).toBe(`${SLAVE}.TunnelIpsecConfig.IpsecPfs`);
    fireEvent.keyDown(window, { key: 'F7', shiftKey: true });
    expect(document.activeElement?.getAttribute('name')).toBe('Name');
  });
});

describe('copying between tunnels', () => {
  const M = 'TunnelOptionsSpecification.1';

  async function tunnelsSideBySide() {
    const rendered = await renderStudio();
    await openConnection(rendered.user, /dc-1 dual BGP/);
    fireEvent.keyDown(window, { key: '\\', ctrlKey: true });
    await screen.findByRole('group', { name: 'Tunnels side by side' });
    // The master gets its own identities and a stronger phase 1 cipher.
    await rendered.user.type(input(`${M}.TunnelIkeConfig.LocalId`), '47.96.10.1');
    await rendered.user.type(input(`${M}.TunnelIkeConfig.RemoteId`), 'hq.example.com');
    await rendered.user.selectOptions(input(`${M}.TunnelIkeConfig.IkeEncAlg`), 'aes256');
    return rendered;
  }

  it('copies phase 1 to the slave without its Local ID, Remote ID or PSK, and says which fields it left out', async () => {
    const { user } = await tunnelsSideBySide();
    await user.click(screen.getByRole('button', { name: 'Copy to slave → (Phase 1 (IKE))' }));
    const dialog = await screen.findByRole('dialog', { name: 'Copy Phase 1 (IKE) to the slave tunnel' });
    expect(within(dialog).getByTestId('copy-plain').textContent).toMatch(/Encryption algorithm: aes256/);
    const localId = within(dialog).getByRole('checkbox', { name: /Local ID: 47\.96\.10\.1/ }) as HTMLInputElement;
    const remoteId = within(dialog).getByRole('checkbox', { name: /Remote ID: hq\.example\.com/ }) as HTMLInputElement;
    const psk = within(dialog).getByRole('checkbox', { name: 'Also copy the pre-shared key' }) as HTMLInputElement;
    expect([localId.checked, remoteId.checked, psk.checked]).toEqual([false, false, false]);
    // The secret itself is never shown in the dialog.
    expect(dialog.textContent).not.toContain('master-Psk-1');
    // Copy has the focus: Enter copies what is listed and nothing held back.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Copy' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((input(`${SLAVE}.TunnelIkeConfig.IkeEncAlg`) as HTMLSelectElement).value).toBe('aes256');
    expect((input(`${SLAVE}.TunnelIkeConfig.LocalId`) as HTMLInputElement).value).toBe('');
    expect((input(`${SLAVE}.TunnelIkeConfig.RemoteId`) as HTMLInputElement).value).toBe('');
    expect((input(`${SLAVE}.TunnelIkeConfig.Psk`) as HTMLInputElement).value).toBe('slave-Psk-1');
    expect(screen.getByTestId('copy-outcome').textContent).toContain(
      'Phase 1 (IKE): copied 1 field to the slave tunnel. Left out (each tunnel’s own identity, address or key): Pre-shared key, Local ID, Remote ID.',
    );
    expect(diffPaths()).not.toContain(`${SLAVE}.TunnelIkeConfig.LocalId`);
    expect(diffPaths()).not.toContain(`${SLAVE}.TunnelIkeConfig.Psk`);
  });

  it('copies identities and the PSK only when ticked, then warns (not an error) that both tunnels carry the same IDs', async () => {
    const { user } = await tunnelsSideBySide();
    await user.click(screen.getByRole('button', { name: 'Copy to slave → (Phase 1 (IKE))' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('checkbox', { name: /Local ID/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Remote ID/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also copy the pre-shared key' }));
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect((input(`${SLAVE}.TunnelIkeConfig.LocalId`) as HTMLInputElement).value).toBe('47.96.10.1');
    expect((input(`${SLAVE}.TunnelIkeConfig.Psk`) as HTMLInputElement).value).toBe('master-Psk-1');
    expect(screen.getByTestId('copy-outcome').textContent).toBe('Phase 1 (IKE): copied 4 fields to the slave tunnel.×');
    // Both phase 1 sections are now equal, so the copy button is disabled: focus moves to what the copy did.
    expect((screen.getByRole('button', { name: 'Copy to slave → (Phase 1 (IKE))' }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('copy-outcome')));
    // The warning sits next to the field, in the warning style, and is described by it — but counts as no error.
    const slaveLocalId = input(`${SLAVE}.TunnelIkeConfig.LocalId`);
    const note = document.getElementById(slaveLocalId.getAttribute('aria-describedby')!)!;
    const warning = note.querySelector('li.field-warning')!;
    expect(warning.getAttribute('data-code')).toBe('Advice.Tunnels.SameIkeIds');
    expect(warning.textContent).toContain('The master and slave tunnels use the same Local ID (47.96.10.1) and Remote ID (hq.example.com).');
    expect(slaveLocalId.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByTestId('error-count').textContent).toBe('0 errors');
    expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(false);
  });

  it('Esc closes the copy dialog without copying anything', async () => {
    const { user } = await tunnelsSideBySide();
    const copyButton = screen.getByRole('button', { name: 'Copy to slave → (Phase 1 (IKE))' });
    await user.click(copyButton);
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(copyButton);
    expect((input(`${SLAVE}.TunnelIkeConfig.IkeEncAlg`) as HTMLSelectElement).value).toBe('aes');
    expect(screen.queryByTestId('copy-outcome')).toBeNull();
  });

  it('between connections copies one picked field at a time, identities and keys included only when picked', async () => {
    const { user } = await renderStudio();
    await openConnection(user, /branch-2/);
    await user.click(screen.getByRole('button', { name: 'Compare with…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Compare with a connection' });
    await user.type(within(dialog).getByRole('combobox'), 'branch-1{Enter}');
    await user.click(await screen.findByRole('button', { name: '← Copy Remote subnet from branch-1 into the draft' }));
    expect(diffPaths()).toEqual(['RemoteSubnet']);
    // No section copy exists: the PSK moves only with its own button.
    expect(screen.queryByRole('button', { name: /Copy .*section/i })).toBeNull();
    await user.click(screen.getByRole('button', { name: '← Copy Pre-shared key from branch-1 into the draft' }));
    expect(diffPaths()).toEqual(['RemoteSubnet', 'IkeConfig.Psk']);
  });
});

describe('apply with conflicts', () => {
  it('keeps Apply disabled with its reason while conflicts are unresolved, and enables it once they are', async () => {
    const now = new Date().toISOString();
    let record: DraftRecord = {
      draftId: 'd1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL.VpnConnectionId, VpnGatewayId: DUAL.VpnGatewayId,
      base: DUAL, baseFetchedAt: now, draft: setField(DUAL, 'Name', 'mine'), createdAt: now, updatedAt: now, status: 'conflict',
      conflicts: [{ path: 'Name', base: DUAL.Name, draft: 'mine', live: 'theirs' }],
    };
    const summary = () => ({
      draftId: 'd1', profileId: 'sandbox', RegionId: 'cn-hangzhou', VpnConnectionId: DUAL.VpnConnectionId, VpnGatewayId: DUAL.VpnGatewayId, Name: record.draft.Name,
      baseFetchedAt: now, updatedAt: record.updatedAt, changedFieldCount: 1, conflictCount: record.conflicts.length, status: record.status,
      readiness: draftReadiness(record, null),
    });
    const { user, main } = await renderStudio({
      handlers: {
        listDrafts: () => [summary()],
        getDraft: () => record,
        resolveConflict: () => {
          record = { ...record, draft: setField(DUAL, 'Name', 'theirs'), conflicts: [], status: 'editing', updatedAt: new Date(Date.now() + 1000).toISOString() };
          return record;
        },
      },
    });
    await openConnection(user, /dc-1 dual BGP/);
    await screen.findByTestId('conflicts');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const apply = screen.getByTestId('apply') as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(document.getElementById(apply.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Apply is disabled: the live connection changed fields this draft also changes. Keep your value or take the live one for each of them first.',
    );
    expect(main.calls.some((c) => c.method === 'applyDraft')).toBe(false);
    await user.click(within(screen.getByTestId('conflicts')).getByRole('button', { name: 'Take live: Name' }));
    await waitFor(() => expect(screen.queryByTestId('conflicts')).toBeNull());
    await waitFor(() => expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(false));
  });
});

describe('discard', () => {
  it('asks first, naming the connection and the changed fields that would be lost; Esc keeps the draft', async () => {
    const { user, main } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    await user.type(input('Name'), '!');
    const psk = input(`${SLAVE}.TunnelIkeConfig.Psk`) as HTMLInputElement;
    await user.clear(psk);
    await user.type(psk, 'NewSlaveKey42');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByText('Saved');
    const discard = screen.getByRole('button', { name: 'Discard draft' });
    await user.click(discard);
    const dialog = await screen.findByRole('dialog', { name: 'Discard the draft of dc-1 dual BGP?' });
    expect(within(dialog).getByText('These 2 changed fields will be lost:')).toBeTruthy();
    expect([...within(dialog).getByTestId('discard-fields').querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Name', 'Slave tunnel · Pre-shared key']);
    expect(dialog.textContent).not.toContain('NewSlaveKey42');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep the draft' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(discard);
    expect(main.calls.some((c) => c.method === 'discardDraft')).toBe(false);
    expect((input('Name') as HTMLInputElement).value).toBe('dc-1 dual BGP!');

    await user.click(discard);
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(main.calls.some((c) => c.method === 'discardDraft')).toBe(true));
    await waitFor(() => expect((input('Name') as HTMLInputElement).value).toBe('dc-1 dual BGP'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'dc-1 dual BGP' })));
  });
});
