// Juniper SRX (Junos) behind the vendor seam: `set` commands out, `display set` or curly-brace configurations in.
import type { GenerateOptions, GeneratedConfig, ImportResult, Vendor } from '../../vendor.ts';
import { vendorRemark } from '../generic.ts';
import { JUNIPER_SRX_MAPPINGS } from './algorithms.ts';
import { generateJunos, JUNIPER_SRX_LABEL } from './generate.ts';
import { importJunos } from './import.ts';
import { JUNIPER_SRX_MESSAGES } from './messages.ts';

export { JUNIPER_SRX_MAPPINGS } from './algorithms.ts';
export { JUNIPER_SRX_MESSAGES } from './messages.ts';

const FORMAT = 'junos-set';

export const juniperSrx: Vendor = {
  id: 'juniper-srx',
  label: JUNIPER_SRX_LABEL,
  formats: [{ id: FORMAT, fileName: 'juniper-srx.set' }],
  messages: JUNIPER_SRX_MESSAGES,
  mappings: JUNIPER_SRX_MAPPINGS,
  generate(profile, options: GenerateOptions): GeneratedConfig {
    if (options.format !== FORMAT) throw new Error(`${JUNIPER_SRX_LABEL} has no format ${options.format}`);
    return generateJunos(profile, options);
  },
  import(text: string, format: string): ImportResult {
    if (format !== FORMAT) {
      return {
        profile: { vendor: 'juniper-srx', platform: '', source: 'import', tunnels: {} },
        remarks: [vendorRemark(JUNIPER_SRX_LABEL, JUNIPER_SRX_MESSAGES, 1, '', 'peer.vendor.import.unreadable')],
      };
    }
    return importJunos(text);
  },
};
