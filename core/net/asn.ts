// BGP autonomous system numbers. The API accepts plain decimal (1–4294967295) and the two-part form
// `high.low` (asdot: each half a 16-bit decimal), e.g. 123.456 → 123*65536+456 = 8061384.
import { ASN_MAX, ASN_MIN } from '../model/enums.ts';

/** The ASN as a number, or undefined when the text is not a valid ASN in either form. */
export function parseAsn(text: string): number | undefined {
  const trimmed = text.trim();
  let value: number;
  const twoPart = /^(\d{1,5})\.(\d{1,5})$/.exec(trimmed);
  if (twoPart) {
    const high = Number(twoPart[1]);
    const low = Number(twoPart[2]);
    if (high > 65535 || low > 65535) return undefined;
    value = high * 65536 + low;
  } else if (/^\d{1,10}$/.test(trimmed)) {
    value = Number(trimmed);
  } else {
    return undefined;
  }
  return value >= ASN_MIN && value <= ASN_MAX ? value : undefined;
}

/** Canonical decimal text of an ASN, or the input unchanged if it is not a valid ASN. */
export function normalizeAsn(text: string): string {
  const n = parseAsn(text);
  return n === undefined ? text : String(n);
}
