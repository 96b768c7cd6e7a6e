// Palo Alto Networks PAN-OS behind the vendor seam: configure-mode `set` commands, generated and read back.
import type { GenerateOptions, GeneratedConfig, ImportResult, Vendor } from '../../vendor.ts';
import { vendorRemark } from '../generic.ts';
import { PANOS_MAPPINGS } from './algorithms.ts';
import { generatePanos } from './generate.ts';
import { importPanos } from './import.ts';
import { PANOS_MESSAGES } from './messages.ts';
import { PANOS_LABEL } from './names.ts';

export { PANOS_MAPPINGS } from './algorithms.ts';
export { PANOS_MESSAGES } from './messages.ts';

export const PANOS_FORMAT = 'panos-cli';

export const panos: Vendor = {
  id: 'panos',
  label: PANOS_LABEL,
  formats: [{ id: PANOS_FORMAT, fileName: 'panos.set' }],
  messages: PANOS_MESSAGES,
  mappings: PANOS_MAPPINGS,
  generate(profile, options: GenerateOptions): GeneratedConfig {
    if (options.format !== PANOS_FORMAT) throw new Error(`PAN-OS has no format ${options.format}`);
    return generatePanos(profile, options);
  },
  import(text: string, format: string): ImportResult {
    if (format !== PANOS_FORMAT) {
      return {
        profile: { vendor: 'panos', platform: '', source: 'import', tunnels: {} },
        remarks: [vendorRemark(PANOS_LABEL, PANOS_MESSAGES, 1, '', 'peer.vendor.import.unreadable')],
      };
    }
    return importPanos(text);
  },
};
