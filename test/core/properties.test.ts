import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyModifyRequest,
  buildModifyRequest,
  diffConnections,
  editableFields,
  getField,
  maskSecrets,
  MASK,
  mergeThreeWay,
  setField,
  validate,
  validateRequest,
  type GatewayContext,
  type VpnConnection,
} from '../../core/index.ts';
import { anyConnection, liveAndDraft, psk } from './arbitraries.ts';

const ctx: GatewayContext = { VpnType: 'Normal', otherConnections: [] };
const runs = { numRuns: 300 };

/** A connection with one editable field replaced by an arbitrary value (wrong types included). */
const mutated = fc
  .tuple(anyConnection, fc.nat(), fc.anything())
  .map(([c, i, v]) => {
    const defs = editableFields(c.mode);
    return setField(c, defs[i % defs.length]?.path ?? 'Name', v);
  });

describe('properties', () => {
  it('the generators produce connections that pass every rule (sanity check of the generators)', () => {
    fc.assert(fc.property(anyConnection, (c) => {
      expect(validate(c, ctx)).toEqual([]);
    }), runs);
  });

  it('validate never throws, on arbitrary values and on connections with one arbitrary field', () => {
    fc.assert(fc.property(fc.anything(), (v) => void validate(v, ctx)), runs);
    fc.assert(fc.property(mutated, fc.constantFrom<unknown>(ctx, undefined, { VpnType: 'NationalStandard', otherConnections: [] }), (c, context) => {
      const issues = validate(c, context);
      expect(Array.isArray(issues)).toBe(true);
    }), runs);
  });

  it('diff(a, a) is empty', () => {
    fc.assert(fc.property(anyConnection, (c) => {
      expect(diffConnections(c, structuredClone(c))).toEqual([]);
    }), runs);
  });

  it('applying the built request to live reproduces the draft', () => {
    fc.assert(
      fc.property(liveAndDraft, ([live, draft]) => {
        const r = buildModifyRequest(live, draft, ctx, { RegionId: 'cn-hangzhou' });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        expect(diffConnections(applyModifyRequest(live, r.request), draft, { revealSecrets: true })).toEqual([]);
      }),
      runs,
    );
  });

  it('the built request always passes the rules and changes only what the draft changes', () => {
    fc.assert(
      fc.property(liveAndDraft, ([live, draft]) => {
        const r = buildModifyRequest(live, draft, ctx, { RegionId: 'cn-hangzhou' });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        expect(validateRequest(r.request, live, ctx)).toEqual([]);
        expect(validate(applyModifyRequest(live, r.request), ctx)).toEqual([]);
        const changedTop = new Set(diffConnections(live, draft).map((row) => row.path.split('.')[0]));
        for (const key of Object.keys(r.request)) {
          if (key === 'RegionId' || key === 'VpnConnectionId') continue;
          // enabling tunnel BGP legitimately carries the tunnels' BGP settings along
          expect(changedTop.has(key) || (key === 'TunnelOptionsSpecification' && r.request.EnableTunnelsBgp === true)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('a PSK never shows in an unrevealed diff nor in a masked request, and shows when revealed', () => {
    // A marker no other field can contain, so "not in the output" cannot pass by accident or fail on a substring.
    const marked = (k: string) => `SeCrEt~${k}`;
    const short = psk.map((k) => k.slice(0, 90));
    const withPsks = (c: VpnConnection, a: string, b: string): VpnConnection =>
      c.mode === 'single' ? setField(c, 'IkeConfig.Psk', marked(a)) : setField(setField(c, 'TunnelOptionsSpecification.1.TunnelIkeConfig.Psk', marked(a)), 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk', marked(b));
    fc.assert(
      fc.property(liveAndDraft, short, short, short, ([live0, draft0], a, b, c) => {
        fc.pre(a !== c && b !== c);
        const live = withPsks(live0, a, b);
        const draft = withPsks(draft0, c, c);
        const rows = diffConnections(live, draft);
        expect(JSON.stringify(rows)).not.toContain('SeCrEt~');
        for (const row of rows.filter((r) => r.secret)) expect([row.before, row.after]).toEqual([MASK, MASK]);
        expect(JSON.stringify(diffConnections(live, draft, { revealSecrets: true }))).toContain(marked(c));
        const built = buildModifyRequest(live, draft, ctx, { RegionId: 'cn-hangzhou' });
        if (!built.ok) throw new Error(JSON.stringify(built.issues));
        expect(JSON.stringify(built.request)).toContain(marked(c)); // the key is really sent...
        expect(JSON.stringify(maskSecrets(built.request))).not.toContain('SeCrEt~'); // ...and never shown
      }),
      runs,
    );
  });

  it('merge with no concurrent change returns the draft unchanged', () => {
    fc.assert(
      fc.property(liveAndDraft, ([base, draft]) => {
        expect(mergeThreeWay(base, draft, structuredClone(base))).toEqual({ ok: true, merged: draft, conflicts: [] });
      }),
      runs,
    );
  });

  it('merge of a draft with itself as live has no conflicts and yields the draft values', () => {
    fc.assert(
      fc.property(liveAndDraft, ([base, draft]) => {
        const r = mergeThreeWay(base, draft, draft);
        if (!r.ok) throw new Error(r.reason);
        expect(r.conflicts).toEqual([]);
        expect(diffConnections(r.merged, draft)).toEqual([]);
      }),
      runs,
    );
  });

  it('merge: fields changed only on one side never conflict', () => {
    fc.assert(
      fc.property(liveAndDraft, fc.nat(), ([base, other], seed) => {
        const defs = editableFields(base.mode);
        const split = seed % defs.length;
        let draft: VpnConnection = base;
        let live: VpnConnection = base;
        defs.forEach((d, i) => {
          if (i < split) draft = setField(draft, d.path, getField(other, d.path));
          else live = setField(live, d.path, getField(other, d.path));
        });
        const r = mergeThreeWay(base, draft, live);
        expect(r.ok && r.conflicts).toEqual([]);
        expect(r.ok && diffConnections(r.merged, other)).toEqual([]);
      }),
      runs,
    );
  });
});
