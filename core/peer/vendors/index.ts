// Every device vendor the app can generate for and import from, and the wording of every code they produce.
import type { Lang, MessageTable, Vendor } from '../vendor.ts';
import { ciscoIosXe } from './cisco-iosxe/index.ts';
import { fortigate } from './fortigate/index.ts';
import { describeFrom, GENERIC_VENDOR_MESSAGES } from './generic.ts';
import { huaweiVrp } from './huawei-vrp/index.ts';
import { juniperSrx } from './juniper-srx/index.ts';
import { panos } from './panos/index.ts';
import { PEER_VENDOR_MESSAGES } from './strongswan/common.ts';
import { strongswan } from './strongswan/index.ts';

/** strongSwan first (the default), then the commercial CLIs in the order the CLI's help lists them. */
export const VENDORS: readonly Vendor[] = [strongswan, ciscoIosXe, huaweiVrp, juniperSrx, fortigate, panos];

export function vendorById(id: string): Vendor | undefined {
  return VENDORS.find((vendor) => vendor.id === id);
}

const TABLES: readonly MessageTable[] = [PEER_VENDOR_MESSAGES, GENERIC_VENDOR_MESSAGES, ...VENDORS.flatMap((vendor) => (vendor.messages ? [vendor.messages] : []))];

/** The wording of a generator note or import remark code of any vendor; undefined for a code no vendor has. */
export function describeVendorCode(code: string, lang: Lang, params: Readonly<Record<string, string | number>> = {}): string | undefined {
  return describeFrom(TABLES, code, lang, params);
}
