// The Peer device column and the acknowledgement gate, against the typed fake of main: a stored device shows beside
// Live and Draft; a change it does not offer marks the row and, in the preview, keeps Apply disabled until it is
// acknowledged; the acknowledgement does not outlive another edit; a hand edit in the column is saved to main.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { input, openConnection, renderStudio } from './support/render.tsx';
import { DUAL } from './support/sample-data.ts';

const SLAVE_ENC = 'TunnelOptionsSpecification.2.TunnelIkeConfig.IkeEncAlg';
const ADDRESSES = { master: { cloudAddress: '47.96.1.1', deviceAddress: '203.0.113.9' }, slave: { cloudAddress: '47.96.1.2', deviceAddress: '203.0.113.10' } };

const peerCell = (path: string) => document.querySelector<HTMLInputElement>(`[data-path="${path}"] [data-column="peer"] input`);

describe('the Peer device column', () => {
  it('is absent without a device, shown with one, and a change the device does not offer needs an acknowledgement', async () => {
    const { main, user } = await renderStudio();
    await openConnection(user, /dc-1 dual BGP/);
    expect(document.querySelector('#editor-grid .cell.peer')).toBeNull();

    main.peers.set(DUAL.VpnConnectionId, mirrorPeer(DUAL, ADDRESSES));
    // Reopen to read the stored device.
    await openConnection(user, /branch-1/);
    await openConnection(user, /dc-1 dual BGP/);
    await waitFor(() => expect(peerCell(SLAVE_ENC)).not.toBeNull());
    const offered = DUAL.mode === 'dual' ? DUAL.tunnels[1].TunnelIkeConfig.IkeEncAlg : '';
    expect(peerCell(SLAVE_ENC)!.value).toBe(offered);

    const other = offered === 'aes256' ? 'aes192' : 'aes256';
    fireEvent.change(input(SLAVE_ENC), { target: { value: other } });
    await waitFor(() => expect(document.querySelector(`[data-path="${SLAVE_ENC}"]`)!.classList.contains('peer-mismatch')).toBe(true));

    await user.keyboard('{Control>}{Enter}{/Control}');
    const impact = await screen.findByTestId('peer-impact');
    expect(impact.textContent).toMatch(/Breaks phase 1 with the peer device \(slave tunnel\)/);
    const apply = screen.getByTestId('apply');
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    expect(document.querySelector('#apply-block')?.getAttribute('data-block')).toBe('peer');
    await user.click(screen.getByTestId('peer-ack'));
    await waitFor(() => expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(false));
    // Saving the draft does not take the acknowledgement away (the e2e covers the app's real autosave).
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByText(en.editor.saved);
    expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(false);

    // Another edit of the draft asks again.
    fireEvent.change(input('Name'), { target: { value: 'renamed after the tick' } });
    await waitFor(() => expect((screen.getByTestId('apply') as HTMLButtonElement).disabled).toBe(true));
    expect((screen.getByTestId('peer-ack') as HTMLInputElement).checked).toBe(false);
  });

  it('the preview warns when the device\'s vendor cannot express what the draft needs (FortiGate: an IKE lifetime under 120 s)', async () => {
    const { main, user } = await renderStudio();
    main.peers.set(DUAL.VpnConnectionId, { ...mirrorPeer(DUAL, ADDRESSES), vendor: 'fortigate' });
    await openConnection(user, /dc-1 dual BGP/);
    await waitFor(() => expect(peerCell(SLAVE_ENC)).not.toBeNull());
    fireEvent.change(input('Name'), { target: { value: 'no limit hit' } });
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('peer-impact');
    expect(screen.queryByTestId('peer-limits')).toBeNull();
    fireEvent.change(input('TunnelOptionsSpecification.2.TunnelIkeConfig.IkeLifetime'), { target: { value: '60' } });
    const limits = await screen.findByTestId('peer-limits');
    expect(limits.textContent).toContain('FortiGate (FortiOS)');
    expect(limits.textContent).toMatch(/120.172800 seconds, not 60/);
  });

  it('a hand edit in the column is saved to main after a pause, and the device is then marked manual', async () => {
    const { main, user } = await renderStudio();
    main.peers.set(DUAL.VpnConnectionId, mirrorPeer(DUAL, ADDRESSES));
    await openConnection(user, /dc-1 dual BGP/);
    await waitFor(() => expect(peerCell(SLAVE_ENC)).not.toBeNull());
    fireEvent.change(peerCell(SLAVE_ENC)!, { target: { value: 'aes, aes256' } });
    await waitFor(() => expect(main.peers.get(DUAL.VpnConnectionId)?.tunnels.slave?.ikeProposals.map((p) => p.encryption)).toEqual(['aes', 'aes256']));
    expect(main.peers.get(DUAL.VpnConnectionId)?.source).toBe('manual');
    expect(main.peers.get(DUAL.VpnConnectionId)?.tunnels.master?.ikeProposals).toEqual(mirrorPeer(DUAL, ADDRESSES).tunnels.master?.ikeProposals);
  });
});
