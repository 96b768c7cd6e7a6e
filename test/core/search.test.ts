// Connection search: the query language (tokens, quoting, negation, problems) and the matcher over single- and
// dual-tunnel connections, including the 2,000-row case the rail filters on every keystroke.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DualTunnelConnection, SingleTunnelConnection, VpnConnection } from '../../core/index.ts';
import {
  compileQuery, formatSearchProblem, matchConnection, parseQuery, quoteTerm, searchFactsOf, searchHealth, subjectLookup, subjectOf,
  type SearchHealth, type SearchSubject,
} from '../../core/search/index.ts';
import { anyConnection } from './arbitraries.ts';
import { dual, single } from './fixtures.ts';

const lookup = subjectLookup(
  [{ VpnGatewayId: 'vpn-hz01', Name: 'Hangzhou Edge', InternetIp: '47.96.1.10' }],
  [
    { CustomerGatewayId: 'cgw-branch', Name: 'HZ Branch Office', IpAddress: '203.0.113.7' },
    { CustomerGatewayId: 'cgw-dc-a', Name: 'DC A', IpAddress: '198.51.100.1' },
    { CustomerGatewayId: 'cgw-dc-b', Name: 'DC B', IpAddress: '198.51.100.2' },
  ],
);

function legacySingle(): SingleTunnelConnection {
  const c = single();
  return {
    ...c, VpnConnectionId: 'vco-legacy', VpnGatewayId: 'vpn-hz01', CustomerGatewayId: 'cgw-branch', Name: 'hz-branch policy 1',
    LocalSubnet: '10.1.0.0/16,10.9.9.0/24', RemoteSubnet: '192.168.10.0/24', Status: 'ipsec_sa_established',
    IkeConfig: { ...c.IkeConfig, IkeVersion: 'ikev1', IkeEncAlg: 'des', IkeAuthAlg: 'md5', IkePfs: 'group2' },
    IpsecConfig: { ...c.IpsecConfig, IpsecEncAlg: '3des', IpsecAuthAlg: 'sha1', IpsecPfs: 'disabled' },
  };
}

/** Master on strong algorithms, slave on des/md5/group1; ikev2 on both. */
function mixedDual(): DualTunnelConnection {
  const c = dual();
  const [m, s] = c.tunnels;
  return {
    ...c, VpnConnectionId: 'vco-dual', VpnGatewayId: 'vpn-hz01', Name: 'DC pair', LocalSubnet: '10.50.0.0/16', RemoteSubnet: '0.0.0.0/0',
    tunnels: [
      { ...m, CustomerGatewayId: 'cgw-dc-a', InternetIp: '47.96.2.1', TunnelIkeConfig: { ...m.TunnelIkeConfig, IkeEncAlg: 'aes256', IkeAuthAlg: 'sha256', IkePfs: 'group14' } },
      { ...s, CustomerGatewayId: 'cgw-dc-b', InternetIp: '47.96.2.2', TunnelIkeConfig: { ...s.TunnelIkeConfig, IkeEncAlg: 'des', IkeAuthAlg: 'md5', IkePfs: 'group1' },
        TunnelIpsecConfig: { ...s.TunnelIpsecConfig, IpsecEncAlg: 'sm4', IpsecPfs: 'group5' } },
    ],
  };
}

const subject = (connection: VpnConnection, health?: SearchHealth, RegionId = 'cn-hangzhou'): SearchSubject => subjectOf({ RegionId, connection }, lookup, health);
const legacy = subject(legacySingle());
const pair = subject(mixedDual(), 'partial', 'cn-shanghai');
const names = (query: string) => [legacy, pair].filter((s) => matchConnection(query, s)).map((s) => s.connection.Name);

describe('parseQuery', () => {
  it('splits on whitespace, keeps quoted phrases whole and lower-cases', () => {
    const q = parseQuery('  Branch   "Policy 1"\t-VCO ');
    expect(q.terms).toEqual([
      { negated: false, kind: 'text', value: 'branch' },
      { negated: false, kind: 'text', value: 'policy 1' },
      { negated: true, kind: 'text', value: 'vco' },
    ]);
    expect(q.problems).toEqual([]);
  });

  it('reads each key, quoted key values and escapes', () => {
    const q = parseQuery('IKE:DES ipsec:sha1 ver:ikev1 mode:dual health:partial region:cn-hangzhou gw:edge cgw:"hz branch" ip:10.1.2.3 net:10.0.0.0/8 "a \\"b\\" \\\\c"');
    expect(q.terms.map((t) => [t.kind, t.value])).toEqual([
      ['ike', 'des'], ['ipsec', 'sha1'], ['ver', 'ikev1'], ['mode', 'dual'], ['health', 'partial'], ['region', 'cn-hangzhou'],
      ['gw', 'edge'], ['cgw', 'hz branch'], ['ip', '10.1.2.3'], ['net', '10.0.0.0/8'], ['text', 'a "b" \\c'],
    ]);
    expect(q.terms[8]).toMatchObject({ address: 0x0a010203 });
    expect(q.terms[9]).toMatchObject({ start: 0x0a000000, end: 0x0affffff });
    expect(q.problems).toEqual([]);
  });

  it('takes bare up/down as health, but not when quoted', () => {
    expect(parseQuery('DOWN -up').terms).toEqual([{ negated: false, kind: 'health', value: 'down' }, { negated: true, kind: 'health', value: 'up' }]);
    expect(parseQuery('"down"').terms).toEqual([{ negated: false, kind: 'text', value: 'down' }]);
  });

  it('reports unknown keys and searches them as plain text', () => {
    const q = parseQuery('psk:secret');
    expect(q.terms).toEqual([{ negated: false, kind: 'text', value: 'psk:secret' }]);
    expect(q.problems).toMatchObject([{ code: 'search.unknownKey', term: 'psk:secret', params: { key: 'psk' } }]);
    expect(q.problems[0]?.message).toContain('"psk:" is not a search key');
    expect(formatSearchProblem(q.problems[0]!, 'zh-CN')).toContain('“psk:”不是可用的搜索关键字');
  });

  it('reports malformed ip:, net:, ver:, mode:, health: and keeps their value as plain text', () => {
    for (const [text, value] of [['ip:10.1.', '10.1.'], ['ip:300.1.1.1', '300.1.1.1'], ['net:10.0.0.0/33', '10.0.0.0/33'], ['net:banana', 'banana'], ['ver:ikev3', 'ikev3'], ['mode:triple', 'triple'], ['health:sideways', 'sideways']]) {
      const q = parseQuery(text!);
      expect(q.problems.map((p) => p.code), text).toEqual(['search.badValue']);
      expect(q.terms, text).toEqual([{ negated: false, kind: 'text', value }]);
    }
    expect(formatSearchProblem(parseQuery('ip:10.1.').problems[0]!, 'en')).toBe('"10.1." is not a valid value for "ip:" (expected a.b.c.d); searched as plain text.');
  });

  it('ignores a key without a value and reports it; reports an unclosed quote', () => {
    expect(parseQuery('ike:')).toMatchObject({ terms: [], problems: [{ code: 'search.emptyValue' }] });
    const q = parseQuery('"hz branch');
    expect(q.terms).toEqual([{ negated: false, kind: 'text', value: 'hz branch' }]);
    expect(q.problems.map((p) => p.code)).toEqual(['search.unclosedQuote']);
  });

  it('takes net: with a bare address as its /32', () => {
    expect(parseQuery('net:10.9.9.9').terms[0]).toMatchObject({ kind: 'net', start: 0x0a090909, end: 0x0a090909 });
  });
});

describe('matchConnection', () => {
  it('matches plain text against names, ids, gateways, customer gateways, addresses and subnets', () => {
    expect(names('')).toEqual(['hz-branch policy 1', 'DC pair']);
    expect(names('HZ-BRANCH')).toEqual(['hz-branch policy 1']);
    expect(names('vco-dual')).toEqual(['DC pair']);
    expect(names('hangzhou')).toEqual(['hz-branch policy 1', 'DC pair']); // gateway name
    expect(names('vpn-hz01')).toEqual(['hz-branch policy 1', 'DC pair']);
    expect(names('47.96.1.10')).toEqual(['hz-branch policy 1', 'DC pair']); // gateway InternetIp
    expect(names('47.96.2.2')).toEqual(['DC pair']); // tunnel InternetIp
    expect(names('office hz')).toEqual(['hz-branch policy 1']); // two terms, in any order
    expect(names('"office hz"')).toEqual([]); // one phrase, as written
    expect(names('"branch office"')).toEqual(['hz-branch policy 1']); // cgw name
    expect(names('cgw-dc-b')).toEqual(['DC pair']);
    expect(names('203.0.113')).toEqual(['hz-branch policy 1']); // cgw IpAddress
    expect(names('192.168.10.0/24')).toEqual(['hz-branch policy 1']);
    expect(names('10.50.')).toEqual(['DC pair']);
  });

  it('requires every term (AND)', () => {
    expect(names('hz policy')).toEqual(['hz-branch policy 1']);
    expect(names('branch pair')).toEqual([]);
    expect(names('ike:des ver:ikev2')).toEqual(['DC pair']);
  });

  it('matches IKE and IPsec algorithms exactly, on either tunnel', () => {
    expect(names('ike:des')).toEqual(['hz-branch policy 1', 'DC pair']); // the pair only through its slave
    expect(names('ike:3des')).toEqual([]);
    expect(names('ipsec:3des')).toEqual(['hz-branch policy 1']);
    expect(names('ike:md5')).toEqual(['hz-branch policy 1', 'DC pair']);
    expect(names('ike:group14')).toEqual(['DC pair']);
    expect(names('ike:group1')).toEqual(['DC pair']);
    expect(names('ike:group2')).toEqual(['hz-branch policy 1']);
    expect(names('ipsec:disabled')).toEqual(['hz-branch policy 1']);
    expect(names('ipsec:sm4')).toEqual(['DC pair']);
    expect(names('ipsec:des')).toEqual([]);
    expect(names('-ike:des')).toEqual([]);
  });

  it('matches version, mode, region and health', () => {
    expect(names('ver:ikev1')).toEqual(['hz-branch policy 1']);
    expect(names('ver:ikev2')).toEqual(['DC pair']);
    expect(names('mode:single')).toEqual(['hz-branch policy 1']);
    expect(names('mode:dual')).toEqual(['DC pair']);
    expect(names('region:CN-SHANGHAI')).toEqual(['DC pair']);
    expect(names('region:cn')).toEqual([]); // a region is an exact id
    expect(names('up')).toEqual(['hz-branch policy 1']);
    expect(names('down')).toEqual(['DC pair']); // partial counts as down
    expect(names('health:partial')).toEqual(['DC pair']);
    expect(names('health:unknown')).toEqual([]);
    const broken = subject(legacySingle(), 'down');
    expect(matchConnection('down', broken)).toBe(true);
    expect(matchConnection('health:partial', broken)).toBe(false);
  });

  it('matches gw: and cgw: on id, name and address, and not on other fields', () => {
    expect(names('gw:edge')).toEqual(['hz-branch policy 1', 'DC pair']);
    expect(names('gw:47.96.1')).toEqual(['hz-branch policy 1', 'DC pair']);
    expect(names('gw:pair')).toEqual([]);
    expect(names('cgw:"dc b"')).toEqual(['DC pair']);
    expect(names('cgw:198.51.100.1')).toEqual(['DC pair']);
    expect(names('cgw:branch')).toEqual(['hz-branch policy 1']);
    expect(names('cgw:vco')).toEqual([]);
  });

  it('matches ip: against address fields exactly and subnets containing it; 0.0.0.0/0 holds nothing', () => {
    expect(names('ip:203.0.113.7')).toEqual(['hz-branch policy 1']);
    expect(names('ip:203.0.113.70')).toEqual([]);
    expect(names('ip:47.96.2.1')).toEqual(['DC pair']);
    expect(names('ip:10.1.200.3')).toEqual(['hz-branch policy 1']);
    expect(names('ip:10.50.255.255')).toEqual(['DC pair']);
    expect(names('ip:8.8.8.8')).toEqual([]); // the pair's remote side is 0.0.0.0/0
    expect(names('ip:169.254.11.1')).toEqual(['hz-branch policy 1', 'DC pair']); // LocalBgpIp (single; master tunnel)
    expect(names('ip:169.254.12.1')).toEqual(['DC pair']); // the slave tunnel's LocalBgpIp
  });

  it('matches net: against overlapping subnets', () => {
    expect(names('net:10.0.0.0/8')).toEqual(['hz-branch policy 1', 'DC pair']);
    expect(names('net:10.9.9.128/25')).toEqual(['hz-branch policy 1']);
    expect(names('net:192.168.0.0/16')).toEqual(['hz-branch policy 1']);
    expect(names('net:172.16.0.0/12')).toEqual([]);
    expect(names('-net:10.50.0.0/24')).toEqual(['hz-branch policy 1']);
  });

  it('negates any term', () => {
    expect(names('-branch')).toEqual(['DC pair']);
    expect(names('-"dc pair"')).toEqual(['hz-branch policy 1']);
    expect(names('-mode:dual -down')).toEqual(['hz-branch policy 1']);
    expect(names('- branch')).toEqual(['hz-branch policy 1']); // a lone "-" is text, as typed
  });

  it('finds a customer gateway the listing does not hold by its id', () => {
    const c = { ...legacySingle(), CustomerGatewayId: 'cgw-unlisted' };
    expect(matchConnection('cgw:cgw-unlisted', subject(c))).toBe(true);
  });

  it('derives health from the tunnels', () => {
    const t = (health: 'up' | 'down' | 'unknown') => ({ position: 'master' as const, Status: '', health });
    expect(searchHealth([t('up'), t('up')])).toBe('up');
    expect(searchHealth([t('up'), t('down')])).toBe('partial');
    expect(searchHealth([t('down'), t('unknown')])).toBe('down');
    expect(searchHealth([t('up'), t('unknown')])).toBe('unknown');
    expect(searchHealth([])).toBe('unknown');
    expect(subject(legacySingle()).health).toBe('up');
  });
});

describe('compiled queries over 2,000 rows', () => {
  const rows = Array.from({ length: 2000 }, (_, n) => {
    const c = legacySingle();
    const connection: SingleTunnelConnection = {
      ...c, VpnConnectionId: `vco-${n}`, Name: `site ${n}`, LocalSubnet: `10.${n % 250}.${Math.floor(n / 250)}.0/24`,
      IkeConfig: { ...c.IkeConfig, IkeEncAlg: n % 7 === 0 ? 'des' : 'aes', IkeVersion: n % 2 === 0 ? 'ikev2' : 'ikev1' },
    };
    return { n, facts: searchFactsOf(subject(connection, n % 10 === 0 ? 'down' : 'up')) };
  });

  it('keeps exactly the rows every term accepts', () => {
    const predicate = compileQuery('ike:des -ver:ikev1 -down net:10.0.0.0/9');
    const kept = rows.filter((r) => predicate(r.facts)).map((r) => r.n);
    const expected = rows.map((r) => r.n).filter((n) => n % 7 === 0 && n % 2 === 0 && n % 10 !== 0 && n % 250 < 128);
    expect(expected.length).toBeGreaterThan(50);
    expect(kept).toEqual(expected);
    expect(rows.filter((r) => compileQuery('"site 1999"')(r.facts)).map((r) => r.n)).toEqual([1999]);
  });
});

describe('properties', () => {
  const region = fc.constantFrom('cn-hangzhou', 'cn-shanghai');
  const health = fc.constantFrom<SearchHealth>('up', 'down', 'partial', 'unknown');
  const anySubject = fc.tuple(anyConnection, region, health).map(([c, r, h]) => subject(c, h, r));
  const term = fc.oneof(
    fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' }).filter((s) => !/[\s"]/.test(s) && !s.startsWith('-') && !/^[A-Za-z]+:$/.test(s)),
    fc.constantFrom('ike:des', 'ike:md5', 'ike:group2', 'ipsec:sha1', 'ipsec:disabled', 'ver:ikev1', 'mode:dual', 'health:partial', 'down', 'up'),
    fc.constantFrom('region:cn-hangzhou', 'gw:edge', 'cgw:dc', 'ip:10.1.2.3', 'net:10.0.0.0/8', 'ip:10.', 'psk:x', '"hz branch"'),
  );

  it('a connection always matches its own id and name', () => {
    fc.assert(fc.property(anySubject, (s) => {
      expect(matchConnection(quoteTerm(s.connection.Name), s)).toBe(true);
      expect(matchConnection(s.connection.VpnConnectionId, s)).toBe(true);
      expect(matchConnection(`${quoteTerm(s.connection.Name)} ${s.connection.VpnConnectionId}`, s)).toBe(true);
    }));
  });

  it('-x is exactly the complement of x', () => {
    fc.assert(fc.property(anySubject, term, (s, x) => {
      const facts = searchFactsOf(s);
      expect(compileQuery(`-${x}`)(facts)).toBe(!compileQuery(x)(facts));
    }));
  });
});
