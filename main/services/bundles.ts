// Hand-off bundles: the user's drafts sealed with age (core/bundle/format.ts, main/services/bundle-crypto.ts) with
// their PSKs, peer devices and device configurations inside; opened, previewed and imported on the other machine.
// Secrets stay in main: the renderer sends a passphrase or asks for the user's own key, and gets back a summary
// without secrets, or draft summaries.
import { bundleSummary, BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle, type BundleDraft } from '../../core/bundle/format.ts';
import type { BundleImportResult, BundlePreview } from '../../core/contract.ts';
import { AppError } from '../../core/errors.ts';
import { mirrorPeer, type PeerAddresses } from '../../core/peer/mirror.ts';
import { PEER_TUNNEL_KEYS, type PeerProfile } from '../../core/peer/profile.ts';
import { vendorById } from '../../core/peer/vendors/index.ts';
import { generateKeyPair, openBundle, recipientOf, sealBundle, type OpenKey } from './bundle-crypto.ts';
import type { DraftsService } from './drafts.ts';
import type { InventoryService } from './inventory.ts';
import type { PeersService } from './peers.ts';
import { maskAccessKeyId, type ProfilesService } from './profiles.ts';
import type { SecretStore } from './secret-store.ts';

/** The keychain account of the user's own age identity (AGE-SECRET-KEY-1…). */
export const BUNDLE_IDENTITY_ACCOUNT = 'bundle-identity:v1';

export interface BundlesDeps {
  drafts: DraftsService;
  peers: PeersService;
  profiles: Pick<ProfilesService, 'active'>;
  inventory: Pick<InventoryService, 'cached'>;
  /** The keychain, or the session-only store when there is none. */
  secrets(): SecretStore;
  now(): string;
  /** scrypt work factor for passphrases (age's default; tests pass less). */
  workFactor?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The device's addresses as its profile has them, for the device configuration carried with the draft. */
function addressesOf(profile: PeerProfile): PeerAddresses {
  const out: PeerAddresses = {};
  for (const key of PEER_TUNNEL_KEYS) {
    const t = profile.tunnels[key];
    if (t) out[key] = { cloudAddress: t.cloudAddress, deviceAddress: t.deviceAddress };
  }
  return out;
}

/** The service's answer for a connection that does not exist (in this account and region). */
const isNotFound = (error: unknown): boolean => {
  const code = (error as { shape?: { code?: unknown }; code?: unknown } | null)?.shape?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.includes('NotFound');
};

export function createBundlesService(deps: BundlesDeps) {
  const ownIdentity = () => deps.secrets().get(BUNDLE_IDENTITY_ACCOUNT);
  const keyFor = async (args: { passphrase?: string | undefined; useOwnKey?: boolean | undefined }): Promise<OpenKey> => {
    if (args.passphrase !== undefined) return { passphrase: args.passphrase };
    const identity = await ownIdentity();
    if (!identity) throw new AppError('Bundle.NoOwnKey', 'This app has no key of its own yet: create one (Drafts → My bundle key), or open the bundle with its passphrase.');
    return { identities: [identity] };
  };
  const open = async (args: { content: string; passphrase?: string | undefined; useOwnKey?: boolean | undefined }): Promise<Bundle> => openBundle(encoder.encode(args.content), await keyFor(args));

  return {
    async ownRecipient(): Promise<string | null> {
      const identity = await ownIdentity();
      return identity ? recipientOf(identity) : null;
    },
    async createOwnKey(): Promise<string> {
      const existing = await ownIdentity();
      if (existing) return recipientOf(existing);
      const pair = await generateKeyPair();
      await deps.secrets().set(BUNDLE_IDENTITY_ACCOUNT, pair.identity);
      return pair.recipient;
    },
    async exportBundle(args: { draftIds: readonly string[]; note?: string | undefined; passphrase?: string | undefined; recipients?: readonly string[] | undefined }): Promise<{ fileName: string; content: string }> {
      const active = deps.profiles.active();
      const drafts: BundleDraft[] = [...new Set(args.draftIds)].map((draftId) => {
        const r = deps.drafts.get(draftId);
        const peer = deps.peers.get(r.VpnConnectionId, r.profileId) ?? undefined;
        const vendor = peer ? vendorById(peer.vendor) : undefined;
        const deviceConfig =
          peer && vendor && Object.keys(peer.tunnels).length > 0
            ? { vendor: vendor.id, format: vendor.formats[0]!.id, text: vendor.generate(mirrorPeer(r.draft, addressesOf(peer)), { format: vendor.formats[0]!.id, includeSecrets: true }).text }
            : undefined;
        return {
          RegionId: r.RegionId,
          VpnConnectionId: r.VpnConnectionId,
          VpnGatewayId: r.VpnGatewayId,
          Name: r.draft.Name,
          base: r.base,
          baseFetchedAt: r.baseFetchedAt,
          draft: r.draft,
          updatedAt: r.updatedAt,
          pskIncluded: true,
          ...(peer && { peer }),
          ...(deviceConfig && { deviceConfig }),
        };
      });
      const bundle: Bundle = {
        format: BUNDLE_FORMAT,
        schemaVersion: BUNDLE_VERSION,
        createdAt: deps.now(),
        from: { profileName: active.name, ...(active.builtIn ? { accountHint: 'Sandbox' } : active.accessKeyId ? { accountHint: maskAccessKeyId(active.accessKeyId) } : {}) },
        note: args.note ?? '',
        drafts,
      };
      const key = args.passphrase !== undefined ? { passphrase: args.passphrase } : { recipients: args.recipients ?? [] };
      const sealed = await sealBundle(bundle, key, { armor: true, ...(deps.workFactor !== undefined && { workFactor: deps.workFactor }) });
      const day = deps.now().slice(0, 10);
      return { fileName: `ipsec-studio-${drafts.length}-draft${drafts.length === 1 ? '' : 's'}-${day}.age`, content: decoder.decode(sealed) };
    },
    async preview(args: { content: string; passphrase?: string | undefined; useOwnKey?: boolean | undefined }): Promise<BundlePreview> {
      const bundle = await open(args);
      const profileId = deps.profiles.active().profileId;
      const known = new Set((deps.inventory.cached(profileId)?.connections ?? []).map((e) => e.connection.VpnConnectionId));
      const open_ = new Set(deps.drafts.list().filter((d) => d.profileId === profileId && d.status !== 'applied').map((d) => d.VpnConnectionId));
      return {
        ...bundleSummary(bundle, Date.parse(deps.now())),
        here: bundle.drafts.map((d) => ({ VpnConnectionId: d.VpnConnectionId, mergesIntoOpenDraft: open_.has(d.VpnConnectionId), knownHere: known.has(d.VpnConnectionId) })),
      };
    },
    async importBundle(args: { content: string; passphrase?: string | undefined; useOwnKey?: boolean | undefined }): Promise<BundleImportResult> {
      const bundle = await open(args);
      const imported: BundleImportResult['imported'] = [];
      for (const d of bundle.drafts) {
        const { record, merged } = deps.drafts.importBundled({ RegionId: d.RegionId, base: d.base, draft: d.draft, baseFetchedAt: d.baseFetchedAt });
        // The technician at the site knows the device best: its profile travels with the draft and replaces ours.
        if (d.peer) deps.peers.save(d.VpnConnectionId, d.peer);
        // Online, the live connection is read at once and merged in, so Live is never the sender's copy.
        let final = record;
        let reconciled = false;
        try {
          final = await deps.drafts.reconcile(record.draftId);
          reconciled = true;
        } catch (error) {
          // Not in this account: kept (the user may have picked the wrong profile) but never appliable here. Offline:
          // the draft keeps the sender's base until the next reconcile.
          if (isNotFound(error)) final = deps.drafts.setStatus(record.draftId, record.status === 'conflict' ? 'conflict' : 'editing', { notInAccount: true });
        }
        imported.push({ draftId: final.draftId, VpnConnectionId: final.VpnConnectionId, Name: final.draft.Name, merged, conflictCount: final.conflicts.length, reconciled, notInAccount: final.notInAccount === true });
      }
      return { imported };
    },
  };
}
export type BundlesService = ReturnType<typeof createBundlesService>;
