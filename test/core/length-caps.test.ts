// Issue 14 item 10: every string crossing the contract has a length cap (a 32 MiB Name was accepted, made drafts.json
// 64 MiB and every later save slow). Caps sit above the API's limits, so a value a little too long is still carried
// and the editor's rule explains it; far beyond them the boundary refuses it.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { contract } from '../../core/contract.ts';
import { DRAFT_FILE_FORMAT, readDraftFile } from '../../core/draft-file.ts';
import { setField, validate, type VpnConnection } from '../../core/index.ts';
import { TEXT_CAPS } from '../../core/model/shape.ts';
import { dual, normalGateway, single } from './fixtures.ts';

/** Every string schema reachable from a schema, with the path that leads to it. */
function strings(schema: z.ZodType, path = ''): Array<{ path: string; schema: z.ZodString }> {
  if (schema instanceof z.ZodString) return [{ path, schema }];
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) return strings(schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodArray) return strings(schema.element as z.ZodType, `${path}[]`);
  if (schema instanceof z.ZodTuple) return (schema.def.items as z.ZodType[]).flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) return (schema.options as z.ZodType[]).flatMap((o, i) => strings(o, `${path}|${i}`));
  if (schema instanceof z.ZodPipe) return [...strings(schema.in as z.ZodType, path), ...strings(schema.out as z.ZodType, path)];
  return [];
}

const saveDraft = contract.methods.saveDraft.args;
const args = (draft: unknown) => ({ draftId: 'draft-1', draft });

describe('contract arguments', () => {
  it('every string argument of every method has a maximum length', () => {
    const all = Object.entries(contract.methods).flatMap(([name, spec]) => strings(spec.args).map((s) => ({ ...s, path: `${name}${s.path}` })));
    expect(all.length).toBeGreaterThan(60); // the walk reaches the connection's fields, tunnels included
    expect(all.filter((s) => s.schema.maxLength === null).map((s) => s.path)).toEqual([]);
  });

  it('saveDraft refuses a huge Name, and every other string of a connection beyond its cap', () => {
    expect(saveDraft.safeParse(args(setField(single(), 'Name', 'n'.repeat(32 * 1024 * 1024)))).success).toBe(false);
    const over: Array<[VpnConnection, string, number]> = [
      [single(), 'Name', TEXT_CAPS.Name],
      [single(), 'LocalSubnet', TEXT_CAPS.subnets],
      [single(), 'IkeConfig.Psk', TEXT_CAPS.Psk],
      [single(), 'IkeConfig.RemoteId', TEXT_CAPS.identity],
      [single(), 'IpsecConfig.IpsecPfs', TEXT_CAPS.enumerated],
      [single(), 'HealthCheckConfig.dip', TEXT_CAPS.short],
      [single(), 'BgpConfig.LocalAsn', TEXT_CAPS.short],
      [single(), 'RemoteCaCertificate', TEXT_CAPS.certificate],
      [dual(), 'TunnelOptionsSpecification.2.TunnelId', TEXT_CAPS.id],
      [dual(), 'TunnelOptionsSpecification.1.TunnelIkeConfig.LocalId', TEXT_CAPS.identity],
      [dual(), 'TunnelOptionsSpecification.1.TunnelBgpConfig.TunnelCidr', TEXT_CAPS.short],
      [dual(), 'TunnelOptionsSpecification.2.RemoteCaCertificate', TEXT_CAPS.certificate],
    ];
    for (const [c, path, cap] of over) {
      expect(saveDraft.safeParse(args(setField(c, path, 'x'.repeat(cap)))).success, `${path} at its cap`).toBe(true);
      expect(saveDraft.safeParse(args(setField(c, path, 'x'.repeat(cap + 1)))).success, `${path} over its cap`).toBe(false);
    }
  });

  it('caps sit above the API limits: a 101-character Name is carried, and the rule (not the boundary) refuses it', () => {
    const long = setField(single(), 'Name', 'n'.repeat(101));
    expect(saveDraft.safeParse(args(long)).success).toBe(true);
    expect(validate(long, normalGateway).map((i) => i.code)).toEqual(['InvalidName']);
  });

  it('region ids and role ARNs are bounded', () => {
    expect(contract.methods.openDraft.args.safeParse({ RegionId: `cn-${'a'.repeat(80)}`, VpnConnectionId: 'vco-1' }).success).toBe(false);
    const ram = (roleArn: string) => ({ name: 'p', regionId: 'cn-hangzhou', credential: { kind: 'RamRoleArn', accessKeyId: 'a', accessKeySecret: 'b', roleArn } });
    expect(contract.methods.createProfile.args.safeParse(ram('acs:ram::123:role/ops')).success).toBe(true);
    expect(contract.methods.createProfile.args.safeParse(ram(`acs:ram::123:role/${'r'.repeat(300)}`)).success).toBe(false);
  });
});

describe('draft files', () => {
  const file = (draft: VpnConnection, extra: Record<string, unknown> = {}) => ({
    format: DRAFT_FILE_FORMAT,
    schemaVersion: 1,
    exportedAt: '2026-05-01T09:30:00.000Z',
    draft: { RegionId: 'cn-hangzhou', base: single(), draft, ...extra },
    omittedSecrets: [],
  });

  it('refuse a connection string beyond its cap as damaged', () => {
    expect(readDraftFile(file(single())).ok).toBe(true);
    expect(readDraftFile(file(setField(single(), 'Name', 'n'.repeat(TEXT_CAPS.Name + 1))))).toMatchObject({ ok: false, code: 'Draft.ImportMalformed' });
    expect(readDraftFile(file(single(), { VpnConnectionId: 'v'.repeat(TEXT_CAPS.id + 1) }))).toMatchObject({ ok: false, code: 'Draft.ImportMalformed' });
  });
});
