// the import message says what really happened. A draft merged into an open draft is not read live
// at import (main reconciles it later), so it must not be reported "checked against the live connection".
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Api, BundleImportResult, BundlePreview } from '../../core/contract.ts';
import { OpenBundleDialog } from '../../renderer/src/components/views/BundleDialogs.tsx';
import { i18n } from '../../renderer/src/i18n/index.ts';
import { ApiContext } from '../../renderer/src/state/api-context.tsx';

const preview: BundlePreview = {
  createdAt: '2026-11-29T08:00:00.000Z',
  from: { profileName: 'site laptop' },
  note: '',
  drafts: [{ RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001', Name: 'eu', baseFetchedAt: '2026-11-29T08:00:00.000Z', baseAgeSeconds: 60, changedFields: ['IkeConfig.Psk'], pskIncluded: true, pskChanged: true, needsPsk: false, peerIncluded: false }],
  targetProfileId: 'sandbox',
  here: [{ VpnConnectionId: 'vco-eu001', mergesIntoOpenDraft: true, knownHere: true }],
} as unknown as BundlePreview;

describe('open bundle dialog', () => {
  it('a draft merged into an open draft is not reported as checked against the live connection', async () => {
    await i18n.changeLanguage('en');
    const result: BundleImportResult = { imported: [{ draftId: 'd1', VpnConnectionId: 'vco-eu001', Name: 'eu', merged: true, conflictCount: 0, reconciled: false, notInAccount: false }] };
    const api = { previewBundle: vi.fn(async () => preview), importBundle: vi.fn(async () => result) } as unknown as Api;
    const onDone = vi.fn();
    const user = userEvent.setup();
    render(
      <ApiContext.Provider value={api}>
        <OpenBundleDialog profiles={[{ profileId: 'sandbox', name: 'Sandbox' }]} activeProfileId="sandbox" onDone={onDone} onClose={() => undefined} />
      </ApiContext.Provider>,
    );
    const file = new File(['-----BEGIN AGE ENCRYPTED FILE-----\nxx\n-----END AGE ENCRYPTED FILE-----\n'], 'b.age');
    fireEvent.change(screen.getByTestId('bundle-file'), { target: { files: [file] } });
    await user.type(screen.getByTestId('bundle-open-passphrase'), 'K7QM-XP9A-3TRW-HV4E-N8JC-2YDS');
    await waitFor(() => expect((screen.getByTestId('bundle-preview') as HTMLButtonElement).disabled).toBe(false));
    await user.click(screen.getByTestId('bundle-preview'));
    await screen.findByTestId('bundle-preview-list');
    await user.click(screen.getByTestId('bundle-import'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone.mock.calls[0]![0]).not.toMatch(/checked against the live connection\./);
  });
});
