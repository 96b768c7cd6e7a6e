// Cisco IOS-XE behind the vendor seam: one format, the CLI as `show running-config` prints it.
import type { GenerateOptions, GeneratedConfig, ImportResult, Vendor } from '../../vendor.ts';
import { CISCO_IOSXE_MAPPINGS } from './algorithms.ts';
import { FORMAT_ID, LABEL, remark, VENDOR_ID } from './common.ts';
import { generateIosXe } from './generate.ts';
import { importIosXe } from './import.ts';
import { CISCO_IOSXE_MESSAGES } from './messages.ts';

export { CISCO_IOSXE_MAPPINGS } from './algorithms.ts';
export { CISCO_IOSXE_MESSAGES } from './messages.ts';

export const ciscoIosXe: Vendor = {
  id: VENDOR_ID,
  label: LABEL,
  formats: [{ id: FORMAT_ID, fileName: 'cisco-iosxe.cfg' }],
  messages: CISCO_IOSXE_MESSAGES,
  mappings: CISCO_IOSXE_MAPPINGS,
  generate(profile, options: GenerateOptions): GeneratedConfig {
    if (options.format !== FORMAT_ID) throw new Error(`${LABEL} has no format ${options.format}`);
    return generateIosXe(profile, options);
  },
  import(text: string, format: string): ImportResult {
    if (format !== FORMAT_ID) return { profile: { vendor: VENDOR_ID, platform: '', source: 'import', tunnels: {} }, remarks: [remark(1, '', 'peer.vendor.import.unreadable')] };
    return importIosXe(text);
  },
};
