// strongSwan behind the vendor seam: two dialects, swanctl.conf (current) and the legacy ipsec.conf + ipsec.secrets.
import type { GenerateOptions, GeneratedConfig, ImportResult, Vendor } from '../../vendor.ts';
import { remark } from './common.ts';
import { generateIpsecConf, importIpsecConf } from './ipsec-conf.ts';
import { STRONGSWAN_MAPPINGS } from './mappings.ts';
import { generateSwanctl, importSwanctl } from './swanctl.ts';

export { PEER_VENDOR_MESSAGES, describePeerCode } from './common.ts';
export { STRONGSWAN_ALGORITHMS, WITHOUT_STRONGSWAN_KEYWORD, IKEV1_CIPHER_SUITES, IKEV2_CIPHER_SUITES } from './algorithms.ts';
export { STRONGSWAN_MAPPINGS } from './mappings.ts';

const DIALECTS = {
  swanctl: { generate: generateSwanctl, import: importSwanctl },
  'ipsec.conf': { generate: generateIpsecConf, import: importIpsecConf },
} as const;

function dialect(format: string) {
  return Object.hasOwn(DIALECTS, format) ? DIALECTS[format as keyof typeof DIALECTS] : undefined;
}

export const strongswan: Vendor = {
  id: 'strongswan',
  label: 'strongSwan',
  formats: [
    { id: 'swanctl', fileName: 'swanctl.conf' },
    { id: 'ipsec.conf', fileName: 'ipsec.conf' },
  ],
  mappings: STRONGSWAN_MAPPINGS,
  generate(profile, options: GenerateOptions): GeneratedConfig {
    const d = dialect(options.format);
    if (!d) throw new Error(`strongSwan has no format ${options.format}`);
    return d.generate(profile, options);
  },
  import(text: string, format: string): ImportResult {
    const d = dialect(format);
    if (!d) return { profile: { vendor: 'strongswan', platform: '', source: 'import', tunnels: {} }, remarks: [remark(1, '', 'peer.import.unreadable', `strongSwan has no format ${format}.`)] };
    return d.import(text);
  },
};
