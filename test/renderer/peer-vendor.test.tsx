// The Peer device: the preview's vendor limits and the vendor recorded on the device.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import { input, openConnection, renderStudio } from './support/render.tsx';
import { DUAL } from './support/sample-data.ts';

const ADDRESSES = { master: { cloudAddress: '47.96.1.1', deviceAddress: '203.0.113.9' }, slave: { cloudAddress: '47.96.1.2', deviceAddress: '203.0.113.10' } };
const SLAVE_ENC = 'TunnelOptionsSpecification.2.TunnelIkeConfig.IkeEncAlg';
const peerCell = (path: string) => document.querySelector<HTMLInputElement>(`[data-path="${path}"] [data-column="peer"] input`);

describe('peer device', () => {
  it('the preview warns when the draft\'s new PSK is one the device\'s vendor cannot take (FortiGate: 6–128 characters)', async () => {
    const { main, user } = await renderStudio();
    main.peers.set(DUAL.VpnConnectionId, { ...mirrorPeer(DUAL, ADDRESSES), vendor: 'fortigate' });
    await openConnection(user, /dc-1 dual BGP/);
    await waitFor(() => expect(peerCell(SLAVE_ENC)).not.toBeNull());
    // A valid Alibaba Cloud PSK (1–100 characters) that FortiOS refuses.
    fireEvent.change(input('TunnelOptionsSpecification.2.TunnelIkeConfig.Psk'), { target: { value: 'abcd' } });
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('peer-impact');
    const limits = await screen.findByTestId('peer-limits', {}, { timeout: 1500 });
    expect(limits.textContent).toMatch(/FortiGate/);
  });

  it('"the device matches the live connection" keeps the vendor recorded on the device', async () => {
    const { main, user } = await renderStudio();
    main.peers.set(DUAL.VpnConnectionId, { ...mirrorPeer(DUAL, ADDRESSES), vendor: 'fortigate' });
    await openConnection(user, /dc-1 dual BGP/);
    await waitFor(() => expect(peerCell(SLAVE_ENC)).not.toBeNull());
    await user.click(screen.getByTestId('peer-open'));
    expect((screen.getByTestId('peer-vendor') as HTMLSelectElement).value).toBe('fortigate');
    await user.click(screen.getByTestId('peer-mirror'));
    await waitFor(() => expect(main.peers.get(DUAL.VpnConnectionId)?.source).toBe('mirror'));
    // The select still says FortiGate; the stored device must agree with it.
    expect((screen.getByTestId('peer-vendor') as HTMLSelectElement).value).toBe('fortigate');
    expect(main.peers.get(DUAL.VpnConnectionId)?.vendor).toBe('fortigate');
  });
});
