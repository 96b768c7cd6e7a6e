// Huawei VRP (AR routers, USG firewalls) behind the vendor seam: one dialect, the CLI's configuration commands.
import type { GenerateOptions, GeneratedConfig, ImportResult, Vendor } from '../../vendor.ts';
import { vendorRemark } from '../generic.ts';
import { HUAWEI_VRP_MAPPINGS } from './algorithms.ts';
import { FORMAT, VENDOR_ID, VENDOR_LABEL } from './common.ts';
import { generateVrp } from './generate.ts';
import { importVrp } from './import.ts';
import { HUAWEI_VRP_MESSAGES } from './messages.ts';

export { HUAWEI_VRP_MAPPINGS, VRP_ALGORITHMS } from './algorithms.ts';
export { HUAWEI_VRP_MESSAGES } from './messages.ts';

export const huaweiVrp: Vendor = {
  id: VENDOR_ID,
  label: VENDOR_LABEL,
  formats: [{ id: FORMAT, fileName: 'huawei-vrp.cfg' }],
  messages: HUAWEI_VRP_MESSAGES,
  mappings: HUAWEI_VRP_MAPPINGS,
  generate(profile, options: GenerateOptions): GeneratedConfig {
    if (options.format !== FORMAT) throw new Error(`Huawei VRP has no format ${options.format}`);
    return generateVrp(profile, options);
  },
  import(text: string, format: string): ImportResult {
    if (format !== FORMAT) {
      const remark = vendorRemark(VENDOR_LABEL, HUAWEI_VRP_MESSAGES, 1, '', 'peer.vendor.import.unreadable');
      return { profile: { vendor: VENDOR_ID, platform: '', source: 'import', tunnels: {} }, remarks: [remark] };
    }
    return importVrp(text);
  },
};
