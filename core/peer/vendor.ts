// The vendor seam: a vendor is a generator (peer profile → the device's configuration text), an importer (text →
// peer profile + what it did not understand) and its algorithm-name mapping. strongSwan is here; [Vendors] adds the
// commercial CLIs by registering more entries in `vendors/index.ts`.
import type { PeerProfile, PeerTunnelKey } from './profile.ts';

export type Lang = 'en' | 'zh-CN';

/** Wording per code, both languages; `{name}` placeholders are filled from a note's or remark's params. */
export type MessageTable = Readonly<Record<Lang, Readonly<Record<string, string>>>>;

/**
 * One row of a vendor's mapping table: an API value (or setting) and what the vendor writes for it. Kept as data so
 * the generator, the importer and the table in docs/peer-devices.md cannot drift apart.
 */
export interface MappingRow {
  kind: 'encryption' | 'integrity' | 'dh' | 'pfs' | 'lifetime' | 'dpd' | 'nat-t' | 'ike-version' | 'ike-mode';
  /** The API's value (`aes`, `group14`, `disabled`…), or for settings the API parameter (`IkeLifetime`, `EnableDpd`). */
  api: string;
  /** What the vendor's configuration says; '' when the vendor has nothing for it (the row says why in `note`). */
  keyword: string;
  /** One line for the table: a range, a default, a limitation. */
  note?: string;
  /** The vendor documents (URLs) the row comes from. */
  sources: readonly string[];
}

/** One configuration dialect of a vendor (strongSwan has two: swanctl.conf and the legacy ipsec.conf). */
export interface VendorFormat {
  id: string;
  /** File name the save dialog proposes. */
  fileName: string;
}

/** A remark the generator attaches to a line: a setting the device cannot express, or one it had to guess. */
export interface GeneratorNote {
  /** 1-based line in the generated text the note belongs to. */
  line: number;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface GeneratedConfig {
  text: string;
  notes: GeneratorNote[];
}

/** A line the importer saw that bears on IPsec but could not map (listed to the user, never silently dropped). */
export interface ImportRemark {
  line: number;
  text: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface ImportResult {
  profile: PeerProfile;
  remarks: ImportRemark[];
}

export interface GenerateOptions {
  format: string;
  /** Only these tunnels (default: every tunnel of the profile). */
  tunnels?: readonly PeerTunnelKey[];
  /** Include the secrets section with the PSK ('' PSKs are written as a placeholder with a note). */
  includeSecrets?: boolean;
}

export interface Vendor {
  id: string;
  label: string;
  formats: readonly VendorFormat[];
  /** Wording of the vendor's own note and remark codes (shared codes live in vendors/generic.ts). */
  messages?: MessageTable;
  /** The API → vendor keyword table (docs/peer-devices.md is generated from it). */
  mappings?: readonly MappingRow[];
  generate(profile: PeerProfile, options: GenerateOptions): GeneratedConfig;
  /** Throws nothing: text it cannot read at all gives a profile with no tunnels and a remark saying why. */
  import(text: string, format: string): ImportResult;
}
