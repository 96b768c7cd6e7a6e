// Every device vendor the app can generate for and import from, and the wording of every code they produce.
import type { Lang, MessageTable, Vendor } from '../vendor.ts';
import { describeFrom, GENERIC_VENDOR_MESSAGES } from './generic.ts';
import { strongswan } from './strongswan/index.ts';
import { PEER_VENDOR_MESSAGES } from './strongswan/common.ts';

export const VENDORS: readonly Vendor[] = [strongswan];

export function vendorById(id: string): Vendor | undefined {
  return VENDORS.find((vendor) => vendor.id === id);
}

const TABLES: readonly MessageTable[] = [PEER_VENDOR_MESSAGES, GENERIC_VENDOR_MESSAGES, ...VENDORS.flatMap((vendor) => (vendor.messages ? [vendor.messages] : []))];

/** The wording of a generator note or import remark code of any vendor; undefined for a code no vendor has. */
export function describeVendorCode(code: string, lang: Lang, params: Readonly<Record<string, string | number>> = {}): string | undefined {
  return describeFrom(TABLES, code, lang, params);
}
