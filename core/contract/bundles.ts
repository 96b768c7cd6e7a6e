// The contract's hand-off domain: drafts sealed into an age-encrypted bundle (PSKs, peer devices and their
// configurations inside), its preview before anything is stored, its import, and the user's own age key pair (the
// private key stays in main, in the OS keychain).
import * as z from 'zod';
import type { BundleSummary } from '../bundle/format.ts';
import { id, noArgs, shape, type MethodSpecs } from './schema.ts';

/** What the import preview shows: the bundle's summary, and per draft what importing it here does. */
export interface BundlePreview extends BundleSummary {
  /** The profile `here` was worked out for (the one asked for, or the active one). */
  targetProfileId: string;
  /** Whether that profile's inventory has been read at all: if not, `knownHere` false means "not read yet". */
  inventoryRead: boolean;
  here: Array<{
    VpnConnectionId: string;
    /** An open draft of this connection exists in the target profile: the import merges into it. */
    mergesIntoOpenDraft: boolean;
    /** The connection is in the target profile's inventory as last read (else the import reads it, and marks it "not found in this account" when it is not there). */
    knownHere: boolean;
  }>;
}

export interface BundleImportResult {
  imported: Array<{ draftId: string; VpnConnectionId: string; Name: string; merged: boolean; conflictCount: number; reconciled: boolean; notInAccount: boolean }>;
}

// Sized for BUNDLE_CAPS.sealedBytes as armored text (4/3 of it plus line breaks).
const content = z.string().min(1).max(28_000_000);
const passphrase = z.string().min(1).max(200);
// A binary age file (age's default output) crosses as base64; armored text as it is.
const openArgs = z
  .object({ content: content.optional(), contentBase64: z.string().min(1).max(28_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/).optional(), passphrase: passphrase.optional(), useOwnKey: z.boolean().optional(), profileId: id.optional() })
  .strict()
  .refine((a) => (a.content !== undefined) !== (a.contentBase64 !== undefined), { message: 'give content or contentBase64', path: ['content'] })
  .refine((a) => (a.passphrase !== undefined) !== (a.useOwnKey === true), { message: 'give a passphrase or useOwnKey, not both', path: ['passphrase'] });

export const bundleMethods = {
  getBundleKey: { args: noArgs, result: shape<{ recipient: string | null }>() },
  createBundleKey: { args: noArgs, result: shape<{ recipient: string }>() },
  exportBundle: {
    args: z
      .object({
        draftIds: z.array(id).min(1).max(200),
        note: z.string().max(2000).optional(),
        passphrase: passphrase.optional(),
        recipients: z.array(z.string().min(1).max(200)).min(1).max(20).optional(),
      })
      .strict()
      .refine((a) => (a.passphrase !== undefined) !== (a.recipients !== undefined), { message: 'give a passphrase or recipients, not both', path: ['passphrase'] }),
    result: shape<{ fileName: string; content: string }>(),
  },
  previewBundle: { args: openArgs, result: shape<BundlePreview>() },
  importBundle: { args: openArgs, result: shape<BundleImportResult>() },
  exportChangeSheet: {
    args: z.object({ draftIds: z.array(id).min(1).max(200), includePsks: z.boolean().optional(), note: z.string().max(2000).optional(), lang: z.enum(['en', 'zh-CN']) }).strict(),
    result: shape<{ fileName: string; contentBase64: string }>(),
  },
} as const satisfies MethodSpecs;
