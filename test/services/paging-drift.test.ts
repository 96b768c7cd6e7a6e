// A list read page by page while it changes, or whose TotalCount is missing or stale, still comes back whole.
import { describe, expect, it } from 'vitest';
import { byteBudget, collectPages, type Page } from '../../main/services/vpc-reads.ts';

const PAGE = 50;
const ids = (n: number, prefix = 'vco-') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

/** A service over a list that `mutate` may change before each page is answered. */
function service(list: string[], options: { totalCount?: 'omit' | 'first-page-only'; mutate?: (page: number, list: string[]) => void } = {}) {
  const asked: number[] = [];
  let firstTotal: number | null = null;
  const fetchPage = async (n: number): Promise<Page<string>> => {
    asked.push(n);
    options.mutate?.(n, list);
    const items = list.slice((n - 1) * PAGE, n * PAGE);
    firstTotal ??= list.length;
    const TotalCount = options.totalCount === 'omit' ? null : options.totalCount === 'first-page-only' ? firstTotal : list.length;
    return { items, TotalCount, bytes: 100 };
  };
  return { fetchPage, asked };
}

const read = (fetchPage: (n: number) => Promise<Page<string>>) => collectPages('DescribeVpnConnections', fetchPage, (id) => id, { lookahead: 1, budget: byteBudget(1e9) });

describe('paging a list that is not what TotalCount says', () => {
  it('reads every page while they come back full when TotalCount is missing', async () => {
    const { fetchPage } = service(ids(120), { totalCount: 'omit' });
    expect(await read(fetchPage)).toHaveLength(120);
  });

  it('reads past a stale TotalCount while pages are full', async () => {
    // TotalCount said 100 on page 1; two more were created before page 2.
    const { fetchPage } = service(ids(100), { totalCount: 'first-page-only', mutate: (page, list) => page === 2 && list.push('vco-new1', 'vco-new2') });
    expect(await read(fetchPage)).toHaveLength(102);
  });

  it('reads again when an item is deleted between pages, so its neighbour is not skipped', async () => {
    let deleted = false;
    const { fetchPage, asked } = service(ids(120), {
      mutate: (page, list) => {
        if (page === 2 && !deleted) {
          list.splice(0, 1);
          deleted = true;
        }
      },
    });
    const items = await read(fetchPage);
    expect(items).toHaveLength(119);
    expect(items).toContain('vco-0050');
    expect(asked.filter((n) => n === 1)).toHaveLength(2);
  });

  it('reads again when an item is created at the front between pages', async () => {
    let created = false;
    const { fetchPage } = service(ids(120), {
      mutate: (page, list) => {
        if (page === 2 && !created) {
          list.unshift('vco-first');
          created = true;
        }
      },
    });
    const items = await read(fetchPage);
    expect(items).toHaveLength(121);
    expect(new Set(items).size).toBe(121);
  });
});
