// A hand-off bundle for the bundle tests (core format, main's crypto, the CLI): a single-tunnel draft that changes
// its PSK and an algorithm, and a dual-tunnel draft with its peer device and device configuration. Every PSK is a
// distinct, searchable value (BUNDLE_PSKS), so a test can prove one appears nowhere it must not.
import type { Bundle } from '../../core/bundle/format.ts';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import { dual, single } from './fixtures.ts';

export const BUNDLE_PSKS = {
  singleBase: 'OldKey-single-7d1e',
  singleDraft: 'NewKey-single-93ab',
  master: 'Master-psk-5c2f',
  slave: 'Slave-psk-e8b4',
  peerMaster: 'Master-psk-5c2f',
} as const;

export function sampleBundle(): Bundle {
  const sBase = single();
  sBase.IkeConfig.Psk = BUNDLE_PSKS.singleBase;
  const sDraft = structuredClone(sBase);
  sDraft.IkeConfig.Psk = BUNDLE_PSKS.singleDraft;
  sDraft.IkeConfig.IkeEncAlg = 'aes256';

  const dBase = dual();
  dBase.tunnels[0].TunnelIkeConfig.Psk = BUNDLE_PSKS.master;
  dBase.tunnels[1].TunnelIkeConfig.Psk = BUNDLE_PSKS.slave;
  const dDraft = structuredClone(dBase);
  dDraft.Name = 'dual-renamed';
  const peer = mirrorPeer(dDraft, { master: { cloudAddress: '47.42.0.1', deviceAddress: '47.21.0.1' }, slave: { cloudAddress: '47.42.0.2', deviceAddress: '47.21.0.2' } });

  return {
    format: 'ipsec-studio-bundle',
    schemaVersion: 1,
    createdAt: '2026-05-01T09:30:00.000Z',
    from: { profileName: 'Field laptop', accountHint: 'LTAI****abcd' },
    note: 'Site visit: new PSK on the Hangzhou link.',
    drafts: [
      {
        RegionId: 'cn-hangzhou',
        VpnConnectionId: sBase.VpnConnectionId,
        VpnGatewayId: sBase.VpnGatewayId,
        Name: sBase.Name,
        base: sBase,
        baseFetchedAt: '2026-05-01T08:30:00.000Z',
        draft: sDraft,
        updatedAt: '2026-05-01T09:29:00.000Z',
        pskIncluded: true,
      },
      {
        RegionId: 'ap-southeast-5',
        VpnConnectionId: dBase.VpnConnectionId,
        VpnGatewayId: dBase.VpnGatewayId,
        Name: dBase.Name,
        base: dBase,
        baseFetchedAt: '2026-04-30T09:30:00.000Z',
        draft: dDraft,
        updatedAt: '2026-05-01T09:00:00.000Z',
        pskIncluded: true,
        peer,
        deviceConfig: { vendor: 'strongswan', format: 'swanctl', text: `secrets {\n  ike-master {\n    secret = "${BUNDLE_PSKS.master}"\n  }\n}\n` },
      },
    ],
  };
}
