// The draft-file schema (core/draft-file.ts), the region-id pattern and the secret field names: each the one place
// of its fact. importDraft's own behaviour with such files is in test/services/draft-import.test.ts.
import { describe, expect, it } from 'vitest';
import { DRAFT_FILE_FORMAT, readDraftFile } from '../../core/draft-file.ts';
import { editableFields } from '../../core/index.ts';
import { flaggedFieldNames } from '../../core/model/paths.ts';
import { REGION_ID_PATTERN } from '../../core/model/region.ts';
import { dual, single } from './fixtures.ts';

const file = (changes: Record<string, unknown> = {}, draft: Record<string, unknown> = {}) => ({
  format: DRAFT_FILE_FORMAT,
  schemaVersion: 1,
  exportedAt: '2026-05-01T09:30:00.000Z',
  draft: { RegionId: 'cn-hangzhou', VpnConnectionId: single().VpnConnectionId, VpnGatewayId: single().VpnGatewayId, base: single(), baseFetchedAt: '2026-05-01T09:00:00.000Z', draft: single(), ...draft },
  omittedSecrets: [],
  ...changes,
});

const NOT_A_DRAFT = { ok: false, code: 'Draft.ImportMalformed', message: 'This is not an IPsec Studio draft file.' };
const NO_VERSION = { ok: false, code: 'Draft.ImportMalformed', message: 'The draft file has no valid schema version.' };
const DAMAGED = { ok: false, code: 'Draft.ImportMalformed', message: 'The draft file is incomplete or damaged.' };

describe('readDraftFile', () => {
  it('reads a well-formed file', () => {
    const read = readDraftFile(file());
    expect(read.ok && read.file.draft.RegionId).toBe('cn-hangzhou');
    expect(read.ok && read.file.draft.baseFetchedAt).toBe('2026-05-01T09:00:00.000Z');
  });

  it.each([
    ['null', null, NOT_A_DRAFT],
    ['a number', 77, NOT_A_DRAFT],
    ['an array', [], NOT_A_DRAFT],
    ['another format', file({ format: 'x' }), NOT_A_DRAFT],
    ['another format and a newer schema (format first)', file({ format: 'x', schemaVersion: 9 }), NOT_A_DRAFT],
    ['no schema version', file({ schemaVersion: undefined }), NO_VERSION],
    ['a schema version 0', file({ schemaVersion: 0 }), NO_VERSION],
    ['a fractional schema version', file({ schemaVersion: 1.5 }), NO_VERSION],
    ['a negative schema version', file({ schemaVersion: -1 }), NO_VERSION],
    ['a schema version as text', file({ schemaVersion: '1' }), NO_VERSION],
    ['a newer schema', file({ schemaVersion: 2 }), { ok: false, code: 'Draft.ImportTooNew', message: 'Draft file schema 2 is newer than this app understands (1).' }],
    ['a newer schema and no draft (version first)', file({ schemaVersion: 3, draft: null }), { ok: false, code: 'Draft.ImportTooNew', message: 'Draft file schema 3 is newer than this app understands (1).' }],
    ['no draft part', file({ draft: null }), DAMAGED],
    ['a draft part that is text', file({ draft: 'x' }), DAMAGED],
    ['a region id that is not one', file({}, { RegionId: 'Hangzhou' }), DAMAGED],
    ['no region id', file({}, { RegionId: undefined }), DAMAGED],
    ['a base that is not a connection', file({}, { base: { mode: 'single' } }), DAMAGED],
    ['a draft with a number where text belongs', file({}, { draft: { ...single(), Name: 5 } }), DAMAGED],
  ])('refuses %s', (_name, content, expected) => {
    expect(readDraftFile(content)).toEqual(expected);
  });

  it('leaves the ids for the importer to compare, and drops a base time that is not a time', () => {
    const read = readDraftFile(file({}, { VpnConnectionId: 7, VpnGatewayId: undefined, baseFetchedAt: `<img src=x>${'x'.repeat(50)}` }));
    expect(read.ok && read.file.draft.VpnConnectionId).toBe(7);
    expect(read.ok && read.file.draft.baseFetchedAt).toBeUndefined();
  });
});

describe('one definition each', () => {
  it('region ids', () => {
    for (const id of ['cn-hangzhou', 'ap-southeast-1', 'cn-shanghai-finance-1', 'eu-central-1']) expect(REGION_ID_PATTERN.test(id), id).toBe(true);
    for (const id of ['', 'cn', 'Cn-hangzhou', 'cn_hangzhou', 'c-hangzhou', 'cn-', 'cn-hangzhou ']) expect(REGION_ID_PATTERN.test(id), id).toBe(false);
  });

  it('secret and sealed field names come from the model flags', () => {
    expect([...flaggedFieldNames('secret')]).toEqual(['Psk']);
    expect([...flaggedFieldNames('sealed')].sort()).toEqual(['Psk', 'RemoteCaCertificate']);
    expect(editableFields(single().mode).filter((d) => d.secret).map((d) => d.path)).toEqual(['IkeConfig.Psk']);
    expect(editableFields(dual().mode).filter((d) => d.secret).map((d) => d.path)).toEqual([
      'TunnelOptionsSpecification.1.TunnelIkeConfig.Psk',
      'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk',
    ]);
  });
});
