// Hand-off bundles: the user's drafts sealed with age (core/bundle/format.ts, main/services/bundle-crypto.ts) with
// their PSKs, peer devices and device configurations inside; opened, previewed and imported on the other machine.
// Secrets stay in main: the renderer sends a passphrase or asks for the user's own key, and gets back a summary
// without secrets, or draft summaries.
import { bundleSummary, BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle, type BundleDraft } from '../../core/bundle/format.ts';
import type { BundleImportResult, BundlePreview } from '../../core/contract.ts';
import { AppError } from '../../core/errors.ts';
import { addressesOfProfile } from '../../core/peer/addresses.ts';
import { deviceForDraft } from '../../core/peer/mirror.ts';
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
  profiles: Pick<ProfilesService, 'active' | 'get'>;
  inventory: Pick<InventoryService, 'cached'>;
  /** The keychain, or the session-only store when there is none. */
  secrets(): SecretStore;
  /** Whether `secrets()` is the OS keychain (an own key kept only for the session would strand every bundle sent to it). */
  keychainAvailable(): boolean;
  now(): string;
  /** scrypt work factor for passphrases (age's default; tests pass less). */
  workFactor?: number;
}

const encoder = new TextEncoder();

/** A bundle as the renderer sends it: armored text as is, a binary age file (age's default output) as base64. */
export interface BundleSource {
  content?: string | undefined;
  contentBase64?: string | undefined;
  passphrase?: string | undefined;
  useOwnKey?: boolean | undefined;
  /** The profile (account) the drafts go into; default the active one. */
  profileId?: string | undefined;
}

/**
 * The app's proposed passphrases (six groups of four) read back as typed over the phone: any case, with or without the
 * dashes or with spaces. Anything else is used exactly as given.
 */
export function normalizePassphrase(passphrase: string): string {
  const bare = passphrase.replace(/[\s-]/g, '').toUpperCase();
  if (/^[2-9A-Z]{24}$/.test(bare) && /^[\s-]*([2-9A-Za-z]{4}[\s-]*){6}$/.test(passphrase)) return bare.match(/.{4}/g)!.join('-');
  return passphrase;
}
const decoder = new TextDecoder();

/** The service's answer for a connection that does not exist (in this account and region). */
const isNotFound = (error: unknown): boolean => {
  const code = (error as { shape?: { code?: unknown }; code?: unknown } | null)?.shape?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.includes('NotFound');
};

export function createBundlesService(deps: BundlesDeps) {
  const ownIdentity = () => deps.secrets().get(BUNDLE_IDENTITY_ACCOUNT);
  const keyFor = async (args: BundleSource): Promise<OpenKey> => {
    if (args.passphrase !== undefined) return { passphrase: normalizePassphrase(args.passphrase) };
    const identity = await ownIdentity();
    if (!identity) throw new AppError('Bundle.NoOwnKey', 'This app has no key of its own yet: create one (Drafts → My bundle key), or open the bundle with its passphrase.');
    return { identities: [identity] };
  };
  const bytesOf = (args: BundleSource): Uint8Array => (args.contentBase64 !== undefined ? new Uint8Array(Buffer.from(args.contentBase64, 'base64')) : encoder.encode(args.content ?? ''));
  const open = async (args: BundleSource): Promise<Bundle> => openBundle(bytesOf(args), await keyFor(args));
  // The chosen profile must exist before the bundle is opened: an unknown id is refused by name, not after the scrypt.
  const targetOf = (args: BundleSource): string => (args.profileId === undefined ? deps.profiles.active().profileId : deps.profiles.get(args.profileId).profileId);

  return {
    async ownRecipient(): Promise<string | null> {
      const identity = await ownIdentity();
      return identity ? recipientOf(identity) : null;
    },
    async createOwnKey(): Promise<string> {
      const existing = await ownIdentity();
      if (existing) return recipientOf(existing);
      if (!deps.keychainAvailable()) throw new AppError('Bundle.NoKeychain', 'No OS keychain is available: a key made now would be lost when the app quits. Use a passphrase instead.');
      const pair = await generateKeyPair();
      await deps.secrets().set(BUNDLE_IDENTITY_ACCOUNT, pair.identity);
      return pair.recipient;
    },
    async exportBundle(args: { draftIds: readonly string[]; note?: string | undefined; passphrase?: string | undefined; recipients?: readonly string[] | undefined }): Promise<{ fileName: string; content: string }> {
      const active = deps.profiles.active();
      const drafts: BundleDraft[] = [...new Set(args.draftIds)].map((draftId) => {
        const r = deps.drafts.get(draftId);
        const name = r.draft.Name || r.VpnConnectionId;
        // Conflicts do not travel (the receiver's merge would lose the colleague's change), nor does a key not yet entered.
        if (r.conflicts.length > 0 || r.status === 'conflict') throw new AppError('Bundle.DraftHasConflicts', `The draft of ${name} has conflicts with the live connection; resolve them before sealing it.`, 'draftIds', { name });
        if ((r.needsSecrets?.length ?? 0) > 0) throw new AppError('Bundle.DraftNeedsSecret', `The draft of ${name} still needs the pre-shared key its sender changed; enter it before sealing.`, 'draftIds', { name });
        const peer = deps.peers.get(r.VpnConnectionId, r.profileId) ?? undefined;
        const vendor = peer ? vendorById(peer.vendor) : undefined;
        const deviceConfig =
          peer && vendor && Object.keys(peer.tunnels).length > 0
            ? { vendor: vendor.id, format: vendor.formats[0]!.id, text: vendor.generate(deviceForDraft(peer, r.base, r.draft, addressesOfProfile(peer)), { format: vendor.formats[0]!.id, includeSecrets: true }).text }
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
      const key = args.passphrase !== undefined ? { passphrase: normalizePassphrase(args.passphrase) } : { recipients: args.recipients ?? [] };
      const sealed = await sealBundle(bundle, key, { armor: true, ...(deps.workFactor !== undefined && { workFactor: deps.workFactor }) });
      const day = deps.now().slice(0, 10);
      return { fileName: `ipsec-studio-${drafts.length}-draft${drafts.length === 1 ? '' : 's'}-${day}.age`, content: decoder.decode(sealed) };
    },
    async preview(args: BundleSource): Promise<BundlePreview> {
      const profileId = targetOf(args);
      const bundle = await open(args);
      const snapshot = deps.inventory.cached(profileId);
      const known = new Set((snapshot?.connections ?? []).map((e) => e.connection.VpnConnectionId));
      const open_ = new Set(deps.drafts.list().filter((d) => d.profileId === profileId && d.status !== 'applied').map((d) => d.VpnConnectionId));
      return {
        ...bundleSummary(bundle, Date.parse(deps.now())),
        targetProfileId: profileId,
        inventoryRead: Boolean(snapshot),
        here: bundle.drafts.map((d) => ({ VpnConnectionId: d.VpnConnectionId, mergesIntoOpenDraft: open_.has(d.VpnConnectionId), knownHere: known.has(d.VpnConnectionId) })),
      };
    },
    async importBundle(args: BundleSource): Promise<BundleImportResult> {
      const profileId = targetOf(args);
      const bundle = await open(args);
      // All or nothing as far as can be told before writing: a draft being applied here, or one that cannot merge into
      // the open draft of its connection, stops the whole import before any draft or device is stored.
      for (const d of bundle.drafts) {
        const open_ = deps.drafts.list().find((x) => x.profileId === profileId && x.VpnConnectionId === d.VpnConnectionId && x.status !== 'applied');
        if (open_?.status === 'applying') throw new AppError('Draft.Busy', `The draft of ${d.Name || d.VpnConnectionId} is being applied right now; wait for the apply to end.`, 'content', { name: d.Name || d.VpnConnectionId });
      }
      const plans = bundle.drafts.map((d) => {
        const needsSecrets = d.pskIncluded ? [] : (d.omittedSecrets ?? []).filter((o) => o.changed).map((o) => o.path);
        return { d, plan: deps.drafts.planBundled({ RegionId: d.RegionId, base: d.base, draft: d.draft, baseFetchedAt: d.baseFetchedAt, needsSecrets }, profileId) };
      });
      // One write of the drafts file for the whole bundle.
      const written = deps.drafts.batch(() => plans.map(({ d, plan }) => ({ d, merged: plan.merged, record: plan.write() })));
      // The technician at the site knows the device best: its profile travels with the draft and replaces ours.
      for (const { d } of written) if (d.peer) deps.peers.save(d.VpnConnectionId, d.peer, profileId);
      const imported: BundleImportResult['imported'] = [];
      for (const { merged, record } of written) {
        let final = record;
        let reconciled = false;
        // A new draft is read live at once, so Live is never the sender's copy. One merged into an open draft keeps
        // that draft's base and the merge's conflicts (reading live now would overwrite them); it reconciles later.
        if (!merged) {
          try {
            final = await deps.drafts.reconcile(record.draftId);
            reconciled = true;
          } catch (error) {
            // Not this account's connection (or not the one its ids say): kept, never appliable here. Offline: the
            // draft keeps the sender's base until the next reconcile.
            if (isNotFound(error) || (error as { code?: unknown } | null)?.code === 'Draft.IdentityChanged') {
              final = deps.drafts.setStatus(record.draftId, record.status === 'conflict' ? 'conflict' : 'editing', { notInAccount: true });
            }
          }
        }
        imported.push({ draftId: final.draftId, VpnConnectionId: final.VpnConnectionId, Name: final.draft.Name, merged, conflictCount: final.conflicts.length, reconciled, notInAccount: final.notInAccount === true });
      }
      return { imported };
    },
  };
}
export type BundlesService = ReturnType<typeof createBundlesService>;
