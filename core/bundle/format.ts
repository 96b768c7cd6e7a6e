// The hand-off bundle as it is once decrypted (docs/draft-format.md, "Hand-off bundles"): one or many drafts with
// their PSKs, peer device profiles and device configurations, and a note. The age file around it (main's
// bundle-crypto) keeps it secret and intact in transit; this schema is what the receiver trusts of it afterwards,
// which is nothing beyond these declared fields, each bounded. A bundle that decrypted is still untrusted input: it may
// come from anyone who knows the passphrase or the recipient's public key.
import * as z from 'zod';
import type { VpnConnection } from '../model/connection.ts';
import { changedFields } from '../model/changes.ts';
import { regionIdShape } from '../model/region.ts';
import { boundedConnectionShape, TEXT_CAPS } from '../model/shape.ts';
import { reviveNumbers } from '../model/stored-numbers.ts';
import type { PeerProfile } from '../peer/profile.ts';
import { peerProfileSchema } from '../peer/profile-schema.ts';

export const BUNDLE_FORMAT = 'ipsec-studio-bundle';
export const BUNDLE_VERSION = 1;

export const BUNDLE_CAPS = {
  /** Drafts per bundle. */
  drafts: 200,
  /** The sender's note, in characters. */
  note: 2000,
  /** A profile name as the Profiles view allows it, with room. */
  profileName: 200,
  /** A masked AccessKey id (LTAI****abcd) or 'Sandbox'. */
  accountHint: 64,
  /** One device configuration text, in characters (swanctl.conf with secrets is a few KiB). */
  deviceConfig: 256 * 1024,
  /** Vendor and dialect ids of a device configuration (strongswan, swanctl). */
  deviceConfigId: 64,
  /** An ISO time. */
  time: 40,
  /** The decrypted JSON text, in bytes: what bundle-crypto refuses to seal or to parse beyond. */
  plainBytes: 16 * 1024 * 1024,
  /** The age file (binary or armored), in bytes: refused before decryption beyond this. */
  sealedBytes: 20 * 1024 * 1024,
} as const;

export interface BundleDeviceConfig {
  vendor: string;
  format: string;
  text: string;
}

export interface BundleDraft {
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  Name: string;
  /** The live connection the sender's draft started from: the three-way merge base on the receiver's side. */
  base: VpnConnection;
  baseFetchedAt: string;
  draft: VpnConnection;
  updatedAt: string;
  /** Whether the PSKs of `base` and `draft` are the sender's (true) or were left out as '' (false). */
  pskIncluded: boolean;
  /** With `pskIncluded: false`: the PSK paths left out, and whether the draft had changed each (then it must be entered). */
  omittedSecrets?: Array<{ path: string; changed: boolean }>;
  peer?: PeerProfile;
  deviceConfig?: BundleDeviceConfig;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  schemaVersion: number;
  createdAt: string;
  from: { profileName: string; accountHint?: string };
  note: string;
  drafts: BundleDraft[];
}

export type BundleErrorCode = 'Bundle.NotABundle' | 'Bundle.TooNew' | 'Bundle.Damaged';

export type ReadBundleResult = { ok: true; bundle: Bundle } | { ok: false; code: BundleErrorCode; message: string; field?: string };

const time = z.string().max(BUNDLE_CAPS.time).refine((v) => Number.isFinite(Date.parse(v)), 'expected an ISO time');
const idText = z.string().min(1).max(TEXT_CAPS.id);

const draftShape = z.object({
  RegionId: regionIdShape,
  VpnConnectionId: idText,
  VpnGatewayId: idText,
  Name: z.string().max(TEXT_CAPS.Name),
  base: boundedConnectionShape,
  baseFetchedAt: time,
  draft: boundedConnectionShape,
  updatedAt: time,
  pskIncluded: z.boolean(),
  omittedSecrets: z.optional(z.array(z.object({ path: z.string().max(TEXT_CAPS.id), changed: z.boolean() })).max(4)),
  peer: z.optional(peerProfileSchema),
  deviceConfig: z.optional(
    z.object({
      vendor: z.string().min(1).max(BUNDLE_CAPS.deviceConfigId),
      format: z.string().min(1).max(BUNDLE_CAPS.deviceConfigId),
      text: z.string().max(BUNDLE_CAPS.deviceConfig),
    }),
  ),
});

// Unknown keys (`__proto__` included, which JSON.parse makes an own property) are dropped by z.object.
const bundleShape = z.object({
  format: z.literal(BUNDLE_FORMAT),
  schemaVersion: z.number(),
  createdAt: time,
  from: z.object({
    profileName: z.string().max(BUNDLE_CAPS.profileName),
    accountHint: z.optional(z.string().max(BUNDLE_CAPS.accountHint)),
  }),
  note: z.string().max(BUNDLE_CAPS.note),
  drafts: z.array(draftShape).min(1).max(BUNDLE_CAPS.drafts),
});

const NOT_A_BUNDLE = 'This is not an IPsec Studio hand-off bundle.';
const DAMAGED = 'The bundle is incomplete or damaged';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const damaged = (field: string, detail: string): ReadBundleResult => ({ ok: false, code: 'Bundle.Damaged', message: `${DAMAGED}: ${field ? `${field}: ` : ''}${detail}.`, ...(field && { field }) });

/** The first place where the draft's parts disagree about which connection they are (the importer keys on them). */
function mismatch(entry: z.output<typeof draftShape>, index: number): { field: string; detail: string } | undefined {
  const at = (rest: string): string => `drafts.${index}.${rest}`;
  for (const side of ['base', 'draft'] as const) {
    if (entry[side].VpnConnectionId !== entry.VpnConnectionId) return { field: at(`${side}.VpnConnectionId`), detail: `is not the draft's connection ${entry.VpnConnectionId}` };
    if (entry[side].VpnGatewayId !== entry.VpnGatewayId) return { field: at(`${side}.VpnGatewayId`), detail: `is not the draft's gateway ${entry.VpnGatewayId}` };
  }
  if (entry.base.mode !== entry.draft.mode) return { field: at('draft.mode'), detail: `the draft is ${entry.draft.mode}-tunnel, its base ${entry.base.mode}-tunnel` };
  return undefined;
}

/** Checks a parsed (decrypted) bundle before anything in it is used. Never throws. */
export function readBundle(value: unknown): ReadBundleResult {
  // The format and the version first: a newer bundle may be shaped differently, and must say so rather than "damaged".
  if (!isRecord(value) || value.format !== BUNDLE_FORMAT) return { ok: false, code: 'Bundle.NotABundle', message: NOT_A_BUNDLE };
  const version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return damaged('schemaVersion', 'no valid schema version');
  if (version > BUNDLE_VERSION) {
    return { ok: false, code: 'Bundle.TooNew', message: `Bundle schema ${version} is newer than this app understands (${BUNDLE_VERSION}).`, field: 'schemaVersion' };
  }
  const parsed = bundleShape.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return damaged(issue ? issue.path.map(String).join('.') : '', issue?.message ?? 'invalid');
  }
  const drafts = parsed.data.drafts;
  const seen = new Set<string>();
  for (const [index, entry] of drafts.entries()) {
    const wrong = mismatch(entry, index);
    if (wrong) return damaged(wrong.field, wrong.detail);
    // One draft per connection, as on disk: a second would be merged into the first on import, unannounced.
    if (seen.has(entry.VpnConnectionId)) return damaged(`drafts.${index}.VpnConnectionId`, `${entry.VpnConnectionId} appears twice`);
    seen.add(entry.VpnConnectionId);
  }
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    schemaVersion: version,
    createdAt: parsed.data.createdAt,
    from: parsed.data.from,
    note: parsed.data.note,
    drafts: drafts.map((entry) => ({
      ...entry,
      // JSON writes the editor's NaN (an unparsable number) as null: the draft holds NaN again, as stored drafts do.
      base: reviveNumbers(entry.base) as VpnConnection,
      draft: reviveNumbers(entry.draft) as VpnConnection,
      ...(entry.peer && { peer: entry.peer as PeerProfile }),
    })),
  };
  return { ok: true, bundle };
}

/** One draft as the import preview lists it: no PSK, no device configuration text, no peer profile. */
export interface BundleDraftSummary {
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  Name: string;
  mode: VpnConnection['mode'];
  baseFetchedAt: string;
  /** Whole seconds between baseFetchedAt and `now` (when given and the base is older), else null. */
  baseAgeSeconds: number | null;
  updatedAt: string;
  /** The field paths the draft changes against its base (core changedFields; PSK paths named, never their values). */
  changedFields: string[];
  /** The draft changes a PSK (by its fields when the PSKs travelled, by omittedSecrets when they did not). */
  pskChanged: boolean;
  pskIncluded: boolean;
  /** A changed PSK did not travel: the receiver has to enter it before the draft can be applied. */
  needsPsk: boolean;
  peerIncluded: boolean;
  deviceConfig: { vendor: string; format: string } | null;
}

export interface BundleSummary {
  schemaVersion: number;
  createdAt: string;
  from: { profileName: string; accountHint?: string };
  note: string;
  drafts: BundleDraftSummary[];
}

const isPskPath = (path: string): boolean => path.endsWith('.Psk');

/** What an import preview shows of a bundle, without a secret in it. `now` (e.g. Date.now()) gives each base's age. */
export function bundleSummary(bundle: Bundle, now?: number): BundleSummary {
  return {
    schemaVersion: bundle.schemaVersion,
    createdAt: bundle.createdAt,
    from: { profileName: bundle.from.profileName, ...(bundle.from.accountHint !== undefined && { accountHint: bundle.from.accountHint }) },
    note: bundle.note,
    drafts: bundle.drafts.map((entry) => {
      const changed = changedFields(entry.base, entry.draft).map((d) => d.path);
      const omittedChange = !entry.pskIncluded && (entry.omittedSecrets ?? []).some((s) => s.changed);
      const pskChanged = (entry.pskIncluded && changed.some(isPskPath)) || omittedChange;
      const fetched = Date.parse(entry.baseFetchedAt);
      return {
        RegionId: entry.RegionId,
        VpnConnectionId: entry.VpnConnectionId,
        VpnGatewayId: entry.VpnGatewayId,
        Name: entry.Name,
        mode: entry.draft.mode,
        baseFetchedAt: entry.baseFetchedAt,
        baseAgeSeconds: now === undefined || !Number.isFinite(fetched) ? null : Math.max(0, Math.floor((now - fetched) / 1000)),
        updatedAt: entry.updatedAt,
        // Without the PSKs both sides hold '': a PSK path listed is one omittedSecrets says changed.
        changedFields: entry.pskIncluded ? changed : [...changed.filter((p) => !isPskPath(p)), ...(entry.omittedSecrets ?? []).filter((s) => s.changed).map((s) => s.path)],
        pskChanged,
        pskIncluded: entry.pskIncluded,
        needsPsk: omittedChange,
        peerIncluded: entry.peer !== undefined,
        deviceConfig: entry.deviceConfig ? { vendor: entry.deviceConfig.vendor, format: entry.deviceConfig.format } : null,
      };
    }),
  };
}
