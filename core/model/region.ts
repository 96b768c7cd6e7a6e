// What a region id looks like (cn-hangzhou, ap-southeast-1, cn-shanghai-finance-1): the one definition, used by the
// contract's arguments, imported profiles and draft files. The emulator has no pattern of its own: it answers only
// the regions of its seed.
import * as z from 'zod';

export const REGION_ID_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;

// The longest region id today is cn-shanghai-finance-1 (21 characters); 64 leaves room and bounds the regex's work.
export const regionIdShape = z.string().max(64).regex(REGION_ID_PATTERN, 'expected a region id such as cn-hangzhou');
