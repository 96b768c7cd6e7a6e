// FortiGate (FortiOS 7.x) behind the vendor seam: one format, the CLI text (`config vpn ipsec phase1-interface` …).
import type { GenerateOptions, GeneratedConfig, ImportResult, Vendor } from '../../vendor.ts';
import { vendorRemark } from '../generic.ts';
import { FORTIGATE_LABEL } from './common.ts';
import { generateFortigate } from './generate.ts';
import { importFortigate } from './import.ts';
import { FORTIGATE_MAPPINGS } from './mapping.ts';
import { FORTIGATE_MESSAGES } from './messages.ts';

export { FORTIGATE_MAPPINGS } from './mapping.ts';
export { FORTIGATE_MESSAGES } from './messages.ts';

const FORMAT = 'fortios';

export const fortigate: Vendor = {
  id: 'fortigate',
  label: FORTIGATE_LABEL,
  formats: [{ id: FORMAT, fileName: 'fortigate.conf' }],
  messages: FORTIGATE_MESSAGES,
  mappings: FORTIGATE_MAPPINGS,
  generate(profile, options: GenerateOptions): GeneratedConfig {
    if (options.format !== FORMAT) throw new Error(`FortiGate has no format ${options.format}`);
    return generateFortigate(profile, options);
  },
  import(text: string, format: string): ImportResult {
    if (format !== FORMAT) {
      return { profile: { vendor: 'fortigate', platform: '', source: 'import', tunnels: {} }, remarks: [vendorRemark(FORTIGATE_LABEL, FORTIGATE_MESSAGES, 1, '', 'peer.vendor.import.unreadable')] };
    }
    return importFortigate(text);
  },
};
