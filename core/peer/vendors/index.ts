// Every device vendor the app can generate for and import from; [Vendors] adds the commercial CLIs here.
import type { Vendor } from '../vendor.ts';
import { strongswan } from './strongswan/index.ts';

export const VENDORS: readonly Vendor[] = [strongswan];

export function vendorById(id: string): Vendor | undefined {
  return VENDORS.find((vendor) => vendor.id === id);
}
