// The vendor seam: a vendor is a generator (peer profile → the device's configuration text), an importer (text →
// peer profile + what it did not understand) and its algorithm-name mapping. strongSwan is here; [Vendors] adds the
// commercial CLIs by registering more entries in `vendors/index.ts`.
import type { PeerProfile, PeerTunnelKey } from './profile.ts';

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
  generate(profile: PeerProfile, options: GenerateOptions): GeneratedConfig;
  /** Throws nothing: text it cannot read at all gives a profile with no tunnels and a remark saying why. */
  import(text: string, format: string): ImportResult;
}
