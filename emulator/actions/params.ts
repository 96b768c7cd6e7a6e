import { ApiError, invalidParameter, missing } from '../http/errors.ts';
import type { Store } from '../state/store.ts';
import type { Tag } from '../types.ts';

/** Typed, validating access to the merged query + form parameters of one request. */
export class Params {
  readonly raw: Readonly<Record<string, string>>;
  constructor(raw: Readonly<Record<string, string>>) {
    this.raw = raw;
  }

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.raw, name);
  }

  str(name: string): string | undefined {
    return this.has(name) ? this.raw[name] : undefined;
  }

  required(name: string): string {
    const value = this.str(name);
    if (value === undefined || value === '') throw missing(name);
    return value;
  }

  bool(name: string): boolean | undefined {
    const value = this.str(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw invalidParameter(name, 'Expected true or false.');
  }

  int(name: string, min: number, max: number): number | undefined {
    const value = this.str(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value.trim())) throw invalidParameter(name, 'Expected an integer.');
    const n = Number(value);
    if (n < min || n > max) throw invalidParameter(name, `Expected a value from ${min} to ${max}.`);
    return n;
  }

  page(): { PageNumber: number; PageSize: number } {
    return { PageNumber: this.int('PageNumber', 1, 1_000_000) ?? 1, PageSize: this.int('PageSize', 1, 50) ?? 10 };
  }

  /** `Tag.N.Key` / `Tag.N.Value` filters (N = 1–20). */
  tags(): Tag[] {
    const tags: Tag[] = [];
    for (let i = 1; i <= 20; i++) {
      const key = this.str(`Tag.${i}.Key`);
      if (key === undefined) continue;
      tags.push({ Key: key, Value: this.str(`Tag.${i}.Value`) ?? '' });
    }
    return tags;
  }
}

export function requireRegion(params: Params, store: Store): string {
  const regionId = params.required('RegionId');
  if (!store.regions.some((r) => r.RegionId === regionId)) {
    throw new ApiError(404, 'InvalidRegionId.NotFound', 'The specified RegionId does not exist.');
  }
  return regionId;
}

export function matchesTags(have: readonly Tag[], wanted: readonly Tag[]): boolean {
  return wanted.every((w) => have.some((h) => h.Key === w.Key && (w.Value === '' || h.Value === w.Value)));
}

export function paginate<T>(items: readonly T[], page: { PageNumber: number; PageSize: number }): T[] {
  const start = (page.PageNumber - 1) * page.PageSize;
  return items.slice(start, start + page.PageSize);
}
