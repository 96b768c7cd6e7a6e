// The decrypted hand-off bundle: what readBundle refuses (each code, the field named), its caps, keys it drops, and
// the import preview's summary, which must carry no secret.
import { describe, expect, it } from 'vitest';
import { BUNDLE_CAPS, BUNDLE_FORMAT, BUNDLE_VERSION, bundleSummary, readBundle, type Bundle } from '../../core/bundle/format.ts';
import { MIN_PASSPHRASE_BITS, PASSPHRASE_ALPHABET, passphraseStrength, proposePassphrase, PROPOSED_PASSPHRASE_BITS } from '../../core/bundle/passphrase.ts';
import { BUNDLE_PSKS, sampleBundle } from './bundle-sample.ts';

/** The bundle as it arrives: JSON text parsed (what openBundle hands readBundle). */
const asJson = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
const drafts = (value: Record<string, unknown>): Array<Record<string, Record<string, unknown>>> => value.drafts as Array<Record<string, Record<string, unknown>>>;

function refused(value: unknown): { code: string; field?: string; message: string } {
  const result = readBundle(value);
  if (result.ok) throw new Error('expected a refusal');
  return result;
}

describe('readBundle', () => {
  it('accepts the sample and gives back its fields, PSKs included', () => {
    const result = readBundle(asJson(sampleBundle()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bundle.format).toBe(BUNDLE_FORMAT);
    expect(result.bundle.schemaVersion).toBe(BUNDLE_VERSION);
    expect(result.bundle.drafts).toHaveLength(2);
    const [first, second] = result.bundle.drafts;
    expect(first!.draft.mode === 'single' && first!.draft.IkeConfig.Psk).toBe(BUNDLE_PSKS.singleDraft);
    expect(second!.peer?.tunnels.master?.psk).toBe(BUNDLE_PSKS.master);
    expect(second!.deviceConfig?.format).toBe('swanctl');
    expect(result.bundle.from).toEqual({ profileName: 'Field laptop', accountHint: 'LTAI****abcd' });
  });

  it('turns a null lifetime (NaN as JSON writes it) back into NaN', () => {
    const value = asJson(sampleBundle());
    (drafts(value)[0]!.draft!.IkeConfig as Record<string, unknown>).IkeLifetime = null;
    const result = readBundle(value);
    expect(result.ok && result.bundle.drafts[0]!.draft.mode === 'single' && result.bundle.drafts[0]!.draft.IkeConfig.IkeLifetime).toBeNaN();
  });

  it.each([
    ['null', null],
    ['an array', [1, 2]],
    ['a draft file', { format: 'ipsec-studio-draft', schemaVersion: 1 }],
    ['no format', { schemaVersion: 1, drafts: [] }],
  ])('refuses %s as NotABundle', (_name, value) => {
    expect(refused(value).code).toBe('Bundle.NotABundle');
  });

  it('says TooNew for a newer schema, whatever else it holds', () => {
    const result = refused({ format: BUNDLE_FORMAT, schemaVersion: BUNDLE_VERSION + 1, drafts: 'something new' });
    expect(result).toMatchObject({ code: 'Bundle.TooNew', field: 'schemaVersion' });
  });

  it.each([
    ['schemaVersion', (v: Record<string, unknown>) => { v.schemaVersion = '1'; }, 'schemaVersion'],
    ['schemaVersion 0', (v: Record<string, unknown>) => { v.schemaVersion = 0; }, 'schemaVersion'],
    ['createdAt', (v: Record<string, unknown>) => { v.createdAt = 'yesterday'; }, 'createdAt'],
    ['note', (v: Record<string, unknown>) => { v.note = 'x'.repeat(BUNDLE_CAPS.note + 1); }, 'note'],
    ['profileName', (v: Record<string, unknown>) => { v.from = { profileName: 7 }; }, 'from.profileName'],
    ['no drafts', (v: Record<string, unknown>) => { v.drafts = []; }, 'drafts'],
    ['a region', (v: Record<string, unknown>) => { drafts(v)[0]!.RegionId = 'Hangzhou' as never; }, 'drafts.0.RegionId'],
    ['a PSK too long', (v: Record<string, unknown>) => { (drafts(v)[0]!.draft!.IkeConfig as Record<string, unknown>).Psk = 'k'.repeat(401); }, 'drafts.0.draft.IkeConfig.Psk'],
    ['a missing base', (v: Record<string, unknown>) => { delete drafts(v)[1]!.base; }, 'drafts.1.base'],
    ['pskIncluded', (v: Record<string, unknown>) => { delete drafts(v)[0]!.pskIncluded; }, 'drafts.0.pskIncluded'],
    ['a device config too long', (v: Record<string, unknown>) => { drafts(v)[1]!.deviceConfig!.text = 'x'.repeat(BUNDLE_CAPS.deviceConfig + 1); }, 'drafts.1.deviceConfig.text'],
    ['a peer profile', (v: Record<string, unknown>) => { drafts(v)[1]!.peer!.source = 'guess'; }, 'drafts.1.peer.source'],
    ['a base of another connection', (v: Record<string, unknown>) => { drafts(v)[0]!.base!.VpnConnectionId = 'vco-other'; }, 'drafts.0.base.VpnConnectionId'],
    ['a draft of another connection', (v: Record<string, unknown>) => { drafts(v)[1]!.draft!.VpnConnectionId = 'vco-other'; }, 'drafts.1.draft.VpnConnectionId'],
    ['a draft on another gateway', (v: Record<string, unknown>) => { drafts(v)[0]!.draft!.VpnGatewayId = 'vpn-other'; }, 'drafts.0.draft.VpnGatewayId'],
  ])('refuses a bad %s as Damaged and names %s', (_name, spoil, field) => {
    const value = asJson(sampleBundle());
    spoil(value);
    const result = refused(value);
    expect(result.code).toBe('Bundle.Damaged');
    expect(result.field).toBe(field);
    expect(result.message).toContain(field);
  });

  it('refuses a base and draft of different modes, naming draft.mode', () => {
    const sample = sampleBundle();
    const value = asJson({ ...sample, drafts: [{ ...sample.drafts[0]!, draft: { ...sample.drafts[1]!.draft, VpnConnectionId: sample.drafts[0]!.VpnConnectionId, VpnGatewayId: sample.drafts[0]!.VpnGatewayId } }] });
    expect(refused(value)).toMatchObject({ code: 'Bundle.Damaged', field: 'drafts.0.draft.mode' });
  });

  it('caps the number of drafts at BUNDLE_CAPS.drafts', () => {
    const sample = sampleBundle();
    // Distinct connections: one bundle holds one draft per connection.
    const nth = (i: number) => {
      const d = sample.drafts[0]!;
      const id = `vco-cap${String(i).padStart(4, '0')}`;
      return { ...d, VpnConnectionId: id, base: { ...d.base, VpnConnectionId: id }, draft: { ...d.draft, VpnConnectionId: id } };
    };
    const many = (n: number) => asJson({ ...sample, drafts: Array.from({ length: n }, (_, i) => nth(i)) });
    expect(readBundle(many(BUNDLE_CAPS.drafts)).ok).toBe(true);
    expect(refused(many(BUNDLE_CAPS.drafts + 1))).toMatchObject({ code: 'Bundle.Damaged', field: 'drafts' });
  });

  it('accepts a note at its cap', () => {
    expect(readBundle({ ...asJson(sampleBundle()), note: 'n'.repeat(BUNDLE_CAPS.note) }).ok).toBe(true);
  });

  it('drops unknown keys, __proto__ included, at every level it owns', () => {
    const text = JSON.stringify(sampleBundle())
      .replace('{"format"', '{"__proto__":{"polluted":true},"extra":1,"format"')
      .replace('"pskIncluded":true', '"pskIncluded":true,"__proto__":{"polluted":true},"script":"x"');
    const value = JSON.parse(text) as unknown;
    const result = readBundle(value);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.bundle)).not.toContain('extra');
    expect(Object.hasOwn(result.bundle, '__proto__')).toBe(false);
    expect(Object.hasOwn(result.bundle.drafts[0]!, '__proto__')).toBe(false);
    expect(Object.keys(result.bundle.drafts[0]!)).not.toContain('script');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((result.bundle as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws, whatever it is given', () => {
    for (const value of [undefined, 0, 'x', { format: BUNDLE_FORMAT }, { format: BUNDLE_FORMAT, schemaVersion: 1, drafts: [null] }, { format: BUNDLE_FORMAT, schemaVersion: Number.NaN }]) {
      expect(() => readBundle(value)).not.toThrow();
      expect(readBundle(value).ok).toBe(false);
    }
  });
});

describe('bundleSummary', () => {
  const now = Date.parse('2026-05-01T10:30:00.000Z');

  it('lists each draft: ids, region, base age, changed fields, what travelled', () => {
    const summary = bundleSummary(sampleBundle(), now);
    expect(summary.note).toBe('Site visit: new PSK on the Hangzhou link.');
    expect(summary.from).toEqual({ profileName: 'Field laptop', accountHint: 'LTAI****abcd' });
    const [first, second] = summary.drafts;
    expect(first).toMatchObject({ RegionId: 'cn-hangzhou', mode: 'single', baseAgeSeconds: 7200, pskChanged: true, pskIncluded: true, needsPsk: false, peerIncluded: false, deviceConfig: null });
    expect(first!.changedFields.sort()).toEqual(['IkeConfig.IkeEncAlg', 'IkeConfig.Psk']);
    expect(second).toMatchObject({ RegionId: 'ap-southeast-5', mode: 'dual', baseAgeSeconds: 90_000, pskChanged: false, peerIncluded: true, deviceConfig: { vendor: 'strongswan', format: 'swanctl' } });
    expect(second!.changedFields).toEqual(['Name']);
    expect(bundleSummary(sampleBundle()).drafts[0]!.baseAgeSeconds).toBeNull();
  });

  it('marks a changed PSK that did not travel as needing the PSK', () => {
    const bundle: Bundle = sampleBundle();
    const entry = bundle.drafts[0]!;
    if (entry.base.mode !== 'single' || entry.draft.mode !== 'single') throw new Error('sample changed');
    entry.base.IkeConfig.Psk = '';
    entry.draft.IkeConfig.Psk = '';
    entry.pskIncluded = false;
    entry.omittedSecrets = [{ path: 'IkeConfig.Psk', changed: true }];
    const first = bundleSummary(bundle).drafts[0]!;
    expect(first).toMatchObject({ pskIncluded: false, pskChanged: true, needsPsk: true });
    expect(first.changedFields.sort()).toEqual(['IkeConfig.IkeEncAlg', 'IkeConfig.Psk']);
  });

  it('carries no PSK and no device configuration text anywhere', () => {
    const text = JSON.stringify(bundleSummary(sampleBundle(), now));
    for (const psk of Object.values(BUNDLE_PSKS)) expect(text).not.toContain(psk);
    expect(text).not.toContain('secrets {');
    // The sample really holds them: the search above looks where they would be.
    const whole = JSON.stringify(sampleBundle());
    for (const psk of Object.values(BUNDLE_PSKS)) expect(whole).toContain(psk);
  });
});

describe('passphrases', () => {
  const seeded = (seed: number) => {
    let state = seed >>> 0;
    return (n: number): Uint8Array => Uint8Array.from({ length: n }, () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state >>> 24;
    });
  };

  it('proposes 6 groups of 4 unambiguous characters, over 100 bits', () => {
    expect(PROPOSED_PASSPHRASE_BITS).toBeGreaterThanOrEqual(100);
    for (let seed = 1; seed < 200; seed++) {
      const text = proposePassphrase(seeded(seed));
      expect(text).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){5}$/);
      expect(text).not.toMatch(/[01OIL]/);
      expect(passphraseStrength(text)).toBeGreaterThanOrEqual(100);
    }
    expect(new Set(PASSPHRASE_ALPHABET)).toEqual(new Set('23456789ABCDEFGHJKMNPQRSTUVWXYZ'));
  });

  it('uses every character and none more often than chance allows', () => {
    const counts = new Map<string, number>();
    const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
    for (let i = 0; i < 500; i++) for (const c of proposePassphrase(random).replaceAll('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    // 12,000 characters: about 387 each; a biased modulo would put the first 8 near 400+ and the rest lower.
    for (const n of counts.values()) expect(n).toBeGreaterThan(300);
  });

  it('skips bytes above the last multiple of 31 instead of folding them', () => {
    // 248 and above would map onto the first characters; a source of only those must not produce any.
    let calls = 0;
    const text = proposePassphrase((n) => (calls++ === 0 ? new Uint8Array(n).fill(250) : new Uint8Array(n).fill(31 + 5)));
    expect(text).toBe('7777-7777-7777-7777-7777-7777');
    expect(() => proposePassphrase((n) => new Uint8Array(n).fill(255))).toThrow(/random/);
  });

  it.each([
    ['password', false],
    ['hello123', false],
    ['Password2024!', false],
    ['correct horse battery staple', false],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false],
    ['abcdefghijklmnopqrstuvwxyz', false],
    ['12345678901234567890', false],
    ['7KQM-WX3D-PZ9F-RT2H-N8BV-4CJE', true],
    ['tR7#qL2!vX9@mK4$', true],
    ['Correct-Horse-Battery-Staple-Mango-Violin-42', true],
  ])('estimates %s as %s against the 60-bit floor', (text, strong) => {
    expect(passphraseStrength(text) >= MIN_PASSPHRASE_BITS).toBe(strong);
  });
});

describe('readBundle: one draft per connection', () => {
  it('refuses a bundle holding the same connection twice, naming the second', () => {
    const good = asJson(sampleBundle()) as { drafts: unknown[] };
    good.drafts = [good.drafts[0], good.drafts[0]];
    const read = readBundle(good);
    expect(read).toMatchObject({ ok: false, code: 'Bundle.Damaged', field: 'drafts.1.VpnConnectionId' });
  });
});
