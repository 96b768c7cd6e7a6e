// What every domain module of the contract shares: the phantom result marker and the argument schemas used by more
// than one domain.
import * as z from 'zod';
import { regionIdShape } from '../model/region.ts';

/** Phantom marker that carries a result or event payload type without any runtime cost. */
export function shape<T>(): { readonly __type?: T } {
  return {};
}

/** One contract method: its argument schema (zod) and its result type (a `shape<T>()` marker). */
export interface MethodSpec {
  readonly args: z.ZodType;
  readonly result: { readonly __type?: unknown };
}

/** A domain's part of `contract.methods`. */
export type MethodSpecs = Readonly<Record<string, MethodSpec>>;

export const noArgs = z.object({}).strict();
export const id = z.string().min(1).max(128);
export const regionId = regionIdShape;
