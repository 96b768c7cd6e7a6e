// The command-line tool, run for real: the entry file as a child process under the project's Node 22 (the one
// `npx ipsec-studio` finds in node_modules/.bin), on files in a temp directory. Each command's output is parsed and
// its values asserted; every exit status (0 / 1 / 2) is exercised; bad input must give one line on stderr.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ENTRY, FIXTURES, ROOT, runCli, type Run } from './support.ts';

// Each run starts Node and loads core (about a second, several on a busy machine); a test makes up to eight.
vi.setConfig({ testTimeout: 90_000 });


let dir = '';
const at = (name: string): string => join(dir, name);

const cli = (...args: string[]): Promise<Run> => runCli(dir, ...args);

function json<T = Record<string, unknown>>(run: Run): T {
  return JSON.parse(run.stdout) as T;
}

/** Bad input: exit 2, nothing on stdout, exactly one line on stderr that says what is wrong, no stack trace. */
function expectBadInput(run: Run, ...mentions: string[]): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ipsec-studio: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const m of mentions) expect(lines[0]).toContain(m);
}

/** Several bad inputs run side by side; each must give one line on stderr and exit 2. */
async function expectBadInputs(...cases: Array<[args: string[], ...mentions: string[]]>): Promise<void> {
  const runs = await Promise.all(cases.map(([args]) => cli(...args)));
  runs.forEach((run, i) => expectBadInput(run, ...((cases[i]?.slice(1) ?? []) as string[])));
}

/** One block of a swanctl.conf: from `name {` to the closing brace at the same indentation ('' when absent). */
function block(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${name} {`);
  if (start < 0) return '';
  const indent = /^\s*/.exec(lines[start] ?? '')?.[0] ?? '';
  const end = lines.findIndex((l, i) => i > start && l === `${indent}}`);
  return lines.slice(start, end + 1).join('\n');
}

const readFixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
const write = (name: string, content: string | object): string => {
  writeFileSync(at(name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return at(name);
};

interface PrecheckOut {
  verdict: string;
  tunnels: Array<{ tunnel: string; ike: string; child: string; reasons: Array<{ path: string; code: string; message: string; severity: string }> }>;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-studio-cli-'));
  for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), at(f));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('help and version', () => {
  test('--help lists every command; each command has its own help', async () => {
    const commands = ['device-config', 'precheck', 'check', 'plan'];
    const [top, ...own] = await Promise.all([cli('--help'), ...commands.map((c) => cli(c, '--help'))]);
    const viaHelp = await Promise.all(commands.map((c) => cli('help', c)));
    expect(top?.code).toBe(0);
    commands.forEach((command, i) => {
      expect(top?.stdout).toContain(`  ${command} `);
      expect(own[i]?.code).toBe(0);
      expect(own[i]?.stdout).toMatch(new RegExp(`^Usage: ipsec-studio ${command} `));
      expect(viaHelp[i]?.stdout).toBe(own[i]?.stdout);
    });
    expect(own[0]?.stdout).toContain('given once it is the master tunnel');
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await cli('--version');
    expect([run.code, run.stdout]).toEqual([0, `${pkg.version}\n`]);
  });

  test('the entry runs by its #! line with the project Node first on PATH (as npx sets it)', async () => {
    const r = spawnSync(ENTRY, ['--version'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}` } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('check', () => {
  test('the document-shaped connection passes; IKEv1 with two subnets a side is advice, not an error', async () => {
    const run = await cli('check', at('single.json'));
    expect(run.code, run.stderr).toBe(0);
    const out = json<{ valid: boolean; vpnType: string; errors: unknown[]; warnings: Array<{ path: string; code: string; params: Record<string, unknown> }> }>(run);
    expect(out.valid).toBe(true);
    expect(out.vpnType).toBe('Normal');
    expect(out.errors).toEqual([]);
    expect(out.warnings.map((w) => [w.path, w.code, w.params.localCount, w.params.remoteCount])).toEqual([['IkeConfig.IkeVersion', 'Advice.IkeV1.MultiSubnet', 2, 2]]);
  });

  test('broken rules: exit 1, each issue with its path, code and message', async () => {
    const run = await cli('check', at('single-invalid.json'));
    expect(run.code).toBe(1);
    const out = json<{ valid: boolean; errors: Array<{ path: string; code: string; message: string; params: Record<string, unknown> }> }>(run);
    expect(out.valid).toBe(false);
    expect(out.errors.map((e) => [e.path, e.code])).toEqual([
      ['IkeConfig.IkeLifetime', 'Rule.Lifetime.Range'],
      ['IpsecConfig.IpsecPfs', 'NotSupportVpnConnectionParameter.IpsecPfs'],
    ]);
    expect(out.errors[0]?.message).toContain('86400');
    expect(out.errors[1]?.params.value).toBe('group24');
  });

  test('SM connection: the gateway type is inferred from sm4/sm3, and --vpn-type overrides it', async () => {
    const inferred = await cli('check', at('sm.json'));
    expect(inferred.code, inferred.stdout).toBe(0);
    expect(json(inferred).vpnType).toBe('NationalStandard');
    const normal = await cli('check', '--vpn-type', 'Normal', at('sm.json'));
    expect(normal.code).toBe(1);
    const errors = json<{ errors: Array<{ path: string; code: string }> }>(normal).errors;
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['IkeConfig.IkeEncAlg', 'IkeConfig.IkeAuthAlg', 'IpsecConfig.IpsecEncAlg', 'RemoteCaCertificate']));
    expect(errors.find((e) => e.path === 'IkeConfig.IkeEncAlg')?.code).toBe('Rule.Enum.NotAllowed');
  });

  test('a dual-tunnel connection passes, and --lang zh-CN words the messages in Chinese', async () => {
    expect((await cli('check', at('dual.json'))).code).toBe(0);
    const zh = await cli('check', '--lang', 'zh-CN', at('single-invalid.json'));
    expect(json<{ errors: Array<{ message: string }> }>(zh).errors[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('plan', () => {
  test('a sendable change: the diff, the minimal request (PSK masked) and the aliyun command', async () => {
    const run = await cli('plan', '--region-id', 'cn-hangzhou', at('single.json'), at('single-draft.json'));
    expect(run.code, run.stderr).toBe(0);
    const out = json<{ changes: Array<{ path: string; before: string; after: string }>; impact: { renegotiates: boolean }; errors: unknown[]; request: Record<string, string>; aliyunCli: string }>(run);
    expect(out.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['Name', 'nametest', 'nametest-aes256'],
      ['IkeConfig.IkeEncAlg', 'aes', 'aes256'],
    ]);
    expect(out.impact.renegotiates).toBe(true);
    expect(out.errors).toEqual([]);
    expect(out.request.RegionId).toBe('cn-hangzhou');
    expect(out.request.VpnConnectionId).toBe('vco-bp1bbi27hojx80nck0001');
    const ike = JSON.parse(out.request.IkeConfig ?? '{}') as Record<string, unknown>;
    expect([ike.IkeEncAlg, ike.Psk, ike.LocalId]).toEqual(['aes256', '******', '116.64.10.1']);
    expect(out.request.IpsecConfig).toBeUndefined();
    const lines = out.aliyunCli.split(' \\\n');
    expect(lines[0]).toBe('aliyun vpc ModifyVpnConnectionAttribute');
    expect(lines).toContain('  --RegionId cn-hangzhou');
    expect(lines).toContain('  --Name nametest-aes256');
    expect(lines.find((l) => l.startsWith('  --IkeConfig '))).toBe(`  --IkeConfig '${out.request.IkeConfig}'`);
    expect(run.stdout).not.toContain('pgw6dy7d1i8i1234');
  });

  test('--reveal-secrets puts the PSK in the request', async () => {
    const out = json<{ request: { IkeConfig: string } }>(await cli('plan', '--region-id', 'cn-hangzhou', '--reveal-secrets', at('single.json'), at('single-draft.json')));
    expect((JSON.parse(out.request.IkeConfig) as { Psk: string }).Psk).toBe('pgw6dy7d1i8i1234');
  });

  test('a change the rules refuse: exit 1, the error, no request', async () => {
    const run = await cli('plan', '--region-id', 'cn-hangzhou', at('single.json'), at('single-draft-refused.json'));
    expect(run.code).toBe(1);
    const out = json<{ errors: Array<{ path: string; code: string }>; request: unknown; aliyunCli: unknown }>(run);
    expect(out.errors.map((e) => [e.path, e.code])).toEqual([['LocalSubnet', 'IllegalParam.LocalSubnet']]);
    expect([out.request, out.aliyunCli]).toEqual([null, null]);
  });

  test('dual-tunnel: only the changed tunnel is sent, whole; --text summarises it', async () => {
    const run = await cli('plan', '--region-id', 'cn-shanghai', at('dual.json'), at('dual-draft.json'));
    expect(run.code, run.stderr).toBe(0);
    const out = json<{ changes: Array<{ path: string; secret: boolean; before: string }>; request: { TunnelOptionsSpecification: Array<Record<string, unknown>> } }>(run);
    expect(out.changes.map((c) => [c.path, c.secret])).toEqual([
      ['TunnelOptionsSpecification.2.TunnelIkeConfig.Psk', true],
      ['TunnelOptionsSpecification.2.TunnelIkeConfig.IkeEncAlg', false],
    ]);
    expect(out.changes[0]?.before).not.toBe('tunnelkey2abc');
    const tunnels = out.request.TunnelOptionsSpecification;
    expect(tunnels).toHaveLength(1);
    expect([tunnels[0]?.TunnelId, tunnels[0]?.Role]).toEqual(['tun-opsqc4d97wni27002', 'slave']);
    expect((tunnels[0]?.TunnelIkeConfig as Record<string, unknown>).IkeEncAlg).toBe('aes');
    const text = await cli('plan', '--region-id', 'cn-shanghai', '--text', at('dual.json'), at('dual-draft.json'));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('vco-bp1bbi27hojx80nck0002 (dual-tunnel, Normal gateway)');
    expect(text.stdout).toContain('Changes (2):');
    expect(text.stdout).toContain('  TunnelOptionsSpecification.2.TunnelIkeConfig.IkeEncAlg: aes256 -> aes');
    expect(text.stdout).toContain('  --TunnelOptionsSpecification.1.Role slave');
  });

  test('nothing changed: exit 0, no request; another connection as the draft: exit 1', async () => {
    const same = await cli('plan', '--region-id', 'cn-hangzhou', at('single.json'), at('single.json'));
    expect(same.code).toBe(0);
    expect(json(same).request).toBeNull();
    expect(json(same).changes).toEqual([]);
    const other = await cli('plan', '--region-id', 'cn-hangzhou', at('single.json'), at('sm.json'));
    expect(other.code).toBe(1);
    expect(json<{ errors: Array<{ code: string }> }>(other).errors.map((e) => e.code)).toEqual(['Rule.Draft.ConnectionMismatch']);
  });

  test('--region-id is required and checked', async () => {
    await expectBadInputs(
      [['plan', at('single.json'), at('single-draft.json')], '--region-id'],
      [['plan', '--region-id', 'Hangzhou!', at('single.json'), at('single-draft.json')], 'Hangzhou!'],
    );
  });
});

describe('device-config', () => {
  test('single-tunnel strongSwan swanctl.conf: connections and secrets sections from the connection', async () => {
    const run = await cli('device-config', '--vendor', 'strongswan', '--cloud-address', '116.64.10.1', '--device-address', '139.18.20.2', at('single.json'));
    expect(run.code, run.stderr).toBe(0);
    const text = run.stdout;
    expect(text).toMatch(/^connections \{/m);
    expect(text).toMatch(/^secrets \{/m);
    const ike = block(text, 'alibaba');
    for (const line of ['version = 1', 'local_addrs = 139.18.20.2', 'remote_addrs = 116.64.10.1', 'proposals = aes128-sha1-modp1024']) expect(ike).toContain(line);
    const child = block(text, 'alibaba-net');
    for (const line of ['local_ts = 10.2.1.0/24,10.2.2.0/24', 'remote_ts = 10.1.1.0/24,10.1.2.0/24', 'esp_proposals = aes128-sha1-modp1024']) expect(child).toContain(line);
    expect(block(text, 'ike-alibaba')).toContain('secret = "pgw6dy7d1i8i1234"');
    expect(text).not.toMatch(/alibaba-(master|slave)/);
    expect(run.stderr).toBe('');
  });

  test('--format ipsec.conf and --no-secrets', async () => {
    const legacy = await cli('device-config', '--format', 'ipsec.conf', '--cloud-address', '116.64.10.1', '--device-address', '139.18.20.2', at('single.json'));
    expect(legacy.code, legacy.stderr).toBe(0);
    expect(legacy.stdout).toMatch(/^conn alibaba$/m);
    expect(legacy.stdout).toContain('ike=aes128-sha1-modp1024!');
    expect(legacy.stdout).toMatch(/^139\.18\.20\.2 116\.64\.10\.1 : PSK "pgw6dy7d1i8i1234"$/m);
    expect(legacy.stdout).not.toMatch(/^connections \{/m);
    const noSecrets = await cli('device-config', '--no-secrets', '--cloud-address', '116.64.10.1', '--device-address', '139.18.20.2', at('single.json'));
    expect(noSecrets.code).toBe(0);
    expect(noSecrets.stdout).not.toContain('pgw6dy7d1i8i1234');
    expect(noSecrets.stdout).toMatch(/^connections \{/m);
  });

  test('dual-tunnel: both tunnels, cloud addresses from InternetIp or given twice; --tunnel picks one', async () => {
    const [both, given, once, slave] = await Promise.all([
      cli('device-config', '--device-address', '139.18.20.2', at('dual.json')),
      cli('device-config', '--cloud-address', '8.8.1.1', '--cloud-address', '8.8.2.2', '--device-address', '139.18.20.2', at('dual.json')),
      cli('device-config', '--cloud-address', '8.8.1.1', '--device-address', '139.18.20.2', at('dual.json')),
      cli('device-config', '--tunnel', 'slave', '--device-address', '139.18.20.2', at('dual.json')),
    ]);
    const remote = (run: Run | undefined, name: string): string | undefined => /remote_addrs = (\S+)/.exec(block(run?.stdout ?? '', name))?.[1];
    const secret = (run: Run | undefined, name: string): string | undefined => /secret = "([^"]*)"/.exec(block(run?.stdout ?? '', name))?.[1];

    expect(both?.code, both?.stderr).toBe(0);
    expect([remote(both, 'alibaba-master'), remote(both, 'alibaba-slave')]).toEqual(['47.21.0.1', '47.21.0.2']);
    expect([secret(both, 'ike-alibaba-master'), secret(both, 'ike-alibaba-slave')]).toEqual(['tunnelkey1abc', 'tunnelkey2abc']);
    expect(block(both?.stdout ?? '', 'alibaba-master-net')).toContain('esp_proposals = aes256-sha256-modp2048');
    expect([remote(given, 'alibaba-master'), remote(given, 'alibaba-slave')]).toEqual(['8.8.1.1', '8.8.2.2']);
    expect([remote(once, 'alibaba-master'), remote(once, 'alibaba-slave')]).toEqual(['8.8.1.1', '47.21.0.2']);

    expect(slave?.code).toBe(0);
    expect(remote(slave, 'alibaba-slave')).toBe('47.21.0.2');
    expect(slave?.stdout).not.toMatch(/alibaba-master/);
    expect(slave?.stdout).not.toContain('tunnelkey1abc');
  });

  test('a dual-tunnel connection whose InternetIp is masked needs the addresses', async () => {
    const masked = readFixture('dual.json');
    const tunnels = (masked.TunnelOptionsSpecification as { TunnelOptions: Array<Record<string, unknown>> }).TunnelOptions;
    for (const t of tunnels) t.InternetIp = '47.21.XX.XX';
    const path = write('dual-masked.json', masked);
    expectBadInput(await cli('device-config', '--device-address', '139.18.20.2', path), 'master', '47.21.XX.XX');
    expect((await cli('device-config', '--cloud-address', '8.8.1.1', '--cloud-address', '8.8.2.2', '--device-address', '139.18.20.2', path)).code).toBe(0);
  });

  test('addresses and options are checked', async () => {
    await expectBadInputs(
      [['device-config', '--device-address', '139.18.20.2', at('single.json')], '--cloud-address'],
      [['device-config', '--cloud-address', '116.64.10.1', at('single.json')], '--device-address'],
      [['device-config', '--cloud-address', 'gateway', '--device-address', '139.18.20.2', at('single.json')], 'gateway'],
      [['device-config', '--cloud-address', '1.1.1.1', '--cloud-address', '2.2.2.2', '--device-address', '139.18.20.2', at('single.json')], '--cloud-address'],
      [['device-config', '--tunnel', 'master', '--cloud-address', '1.1.1.1', '--device-address', '139.18.20.2', at('single.json')], 'single-tunnel'],
      [['device-config', '--tunnel', 'backup', '--device-address', '139.18.20.2', at('dual.json')], '--tunnel'],
      [['device-config', '--vendor', 'cisco-asa', '--cloud-address', '1.1.1.1', '--device-address', '139.18.20.2', at('single.json')], 'cisco-asa', 'strongswan'],
      [['device-config', '--format', 'junos', '--cloud-address', '1.1.1.1', '--device-address', '139.18.20.2', at('single.json')], 'swanctl'],
    );
  });
});

describe('precheck', () => {
  const generate = async (name: string, ...args: string[]): Promise<string> => {
    const run = await cli('device-config', ...args);
    expect(run.code, run.stderr).toBe(0);
    return write(name, run.stdout);
  };

  test('the device configured for the connection negotiates with it (exit 0); after an IKE change it breaks phase 1 (exit 1)', async () => {
    const conf = await generate('single-swanctl.conf', '--cloud-address', '116.64.10.1', '--device-address', '139.18.20.2', at('single.json'));
    const ok = await cli('precheck', '--peer', conf, at('single.json'));
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const out = json<PrecheckOut>(ok);
    expect(out.verdict).toBe('negotiates');
    expect(out.tunnels.map((t) => [t.tunnel, t.ike, t.child])).toEqual([['single', 'ok', 'ok']]);
    expect(out.tunnels[0]?.reasons.every((r) => r.severity === 'warning')).toBe(true);

    const broken = await cli('precheck', '--peer', conf, at('single-draft.json'));
    expect(broken.code).toBe(1);
    const failed = json<PrecheckOut>(broken);
    expect(failed.verdict).toBe('fails');
    expect(failed.tunnels[0]?.ike).toBe('fails');
    const reason = failed.tunnels[0]?.reasons.find((r) => r.severity === 'error');
    expect(reason?.path).toBe('IkeConfig.IkeEncAlg');
    expect(typeof reason?.code).toBe('string');
    expect(reason?.message).not.toBe('');
  });

  test('ipsec.conf text is recognised without --format', async () => {
    const conf = await generate('single-ipsec.conf', '--format', 'ipsec.conf', '--cloud-address', '116.64.10.1', '--device-address', '139.18.20.2', at('single.json'));
    const run = await cli('precheck', '--peer', conf, at('single.json'));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(json<PrecheckOut>(run).verdict).toBe('negotiates');
  });

  test('a peer profile as JSON', async () => {
    const run = await cli('precheck', '--peer', at('peer-single.json'), at('single.json'));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(json<PrecheckOut>(run).tunnels.map((t) => [t.tunnel, t.ike, t.child])).toEqual([['single', 'ok', 'ok']]);
    // JSON writes an unknown (NaN) lifetime as null: read back as unknown, which is no mismatch to warn about.
    const unknownLifetime = readFixture('peer-single.json') as { tunnels: { single: Record<string, unknown> } };
    Object.assign(unknownLifetime.tunnels.single, { ikeLifetime: null, ipsecLifetime: 3600 });
    const lifetimeRun = await cli('precheck', '--peer', write('peer-null-lifetime.json', unknownLifetime), at('single.json'));
    expect(lifetimeRun.code, lifetimeRun.stderr).toBe(0);
    const lifetimeReasons = json<PrecheckOut>(lifetimeRun).tunnels[0]?.reasons.filter((r) => r.path.endsWith('Lifetime'));
    expect(lifetimeReasons?.map((r) => [r.path, r.severity])).toEqual([['IpsecConfig.IpsecLifetime', 'warning']]);
    const weaker = readFixture('peer-single.json') as { tunnels: { single: { ipsecProposals: Array<Record<string, string>> } } };
    weaker.tunnels.single.ipsecProposals = [{ encryption: 'aes256', integrity: 'sha1', pfs: 'group2' }];
    const fails = await cli('precheck', '--peer', write('peer-weaker.json', weaker), at('single.json'));
    expect(fails.code).toBe(1);
    const t = json<PrecheckOut>(fails).tunnels[0];
    expect([t?.ike, t?.child]).toEqual(['ok', 'fails']);
    expect(t?.reasons.find((r) => r.severity === 'error')?.path).toBe('IpsecConfig.IpsecEncAlg');
  });

  test('a peer profile out of bounds or malformed names the field (exit 2)', async () => {
    const profile = readFixture('peer-single.json') as { tunnels: { single: Record<string, unknown> } };
    profile.tunnels.single.psk = 'k'.repeat(101);
    expectBadInput(await cli('precheck', '--peer', write('peer-long-psk.json', profile), at('single.json')), 'tunnels.single.psk');
    profile.tunnels.single.psk = 'ok';
    profile.tunnels.single.localSubnets = Array.from({ length: 65 }, (_, i) => `10.9.${i}.0/24`);
    expectBadInput(await cli('precheck', '--peer', write('peer-many-subnets.json', profile), at('single.json')), 'tunnels.single.localSubnets');
    expectBadInput(await cli('precheck', '--peer', write('peer-broken.json', '{"vendor": "strongswan",'), at('single.json')), 'not valid JSON');
  });

  test('dual-tunnel: both tunnels negotiate; a one-tunnel configuration needs --tunnel', async () => {
    const conf = await generate('dual-swanctl.conf', '--device-address', '139.18.20.2', at('dual.json'));
    const run = await cli('precheck', '--peer', conf, at('dual.json'));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(json<PrecheckOut>(run).tunnels.map((t) => [t.tunnel, t.ike, t.child])).toEqual([
      ['master', 'ok', 'ok'],
      ['slave', 'ok', 'ok'],
    ]);
    // The slave's IKE encryption changes in the draft: only the slave breaks.
    const draft = await cli('precheck', '--peer', conf, at('dual-draft.json'));
    expect(draft.code).toBe(1);
    expect(json<PrecheckOut>(draft).tunnels.map((t) => [t.tunnel, t.ike])).toEqual([
      ['master', 'ok'],
      ['slave', 'fails'],
    ]);
    // --tunnel master: the verdict is the master's alone.
    const masterOnly = await cli('precheck', '--peer', conf, '--tunnel', 'master', at('dual-draft.json'));
    expect(masterOnly.code).toBe(0);
    expect(json<PrecheckOut>(masterOnly).tunnels.map((t) => t.tunnel)).toEqual(['master']);

    const single = await generate('master-only.conf', '--cloud-address', '47.21.0.1', '--device-address', '139.18.20.2', at('single.json'));
    expectBadInput(await cli('precheck', '--peer', single, at('dual.json')), '--tunnel');
    expectBadInput(await cli('precheck', '--peer', conf, at('single.json')), 'single-tunnel');
  });

  test('a one-tunnel configuration checked as the master of a dual-tunnel connection', async () => {
    const conf = await generate('dual-master.conf', '--tunnel', 'master', '--device-address', '139.18.20.2', at('dual.json'));
    const own = await cli('precheck', '--peer', conf, '--tunnel', 'master', at('dual.json'));
    expect(own.code, own.stdout + own.stderr).toBe(0);
    expect(json<PrecheckOut>(own).tunnels.map((t) => [t.tunnel, t.ike, t.child])).toEqual([['master', 'ok', 'ok']]);
  });

  test('SM connection: strongSwan has no sm4/sm3 keyword, said on stderr; a device that offers them negotiates', async () => {
    const generated = await cli('device-config', '--cloud-address', '116.64.10.1', '--device-address', '139.18.20.2', at('sm.json'));
    expect(generated.code).toBe(0);
    const warnings = generated.stderr.split('\n').filter((l) => l !== '');
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/^warning: line \d+: .*sm4/);
    const lines = generated.stdout.split('\n');
    const noted = Number(/^warning: line (\d+)/.exec(warnings[0] ?? '')?.[1]);
    expect(lines[noted - 1]).toContain('sm4');
    // What strongSwan cannot offer, the pre-check says will not negotiate.
    const conf = write('sm-swanctl.conf', generated.stdout);
    const strongswan = await cli('precheck', '--peer', conf, at('sm.json'));
    expect(strongswan.code).toBe(1);
    expect(json<PrecheckOut>(strongswan).tunnels[0]?.reasons.find((r) => r.severity === 'error')?.path).toBe('IkeConfig.IkeEncAlg');

    const smDevice = readFixture('peer-single.json') as { tunnels: { single: Record<string, unknown> } };
    Object.assign(smDevice.tunnels.single, {
      ikeProposals: [{ encryption: 'sm4', integrity: 'sm3', dhGroup: 'group2' }],
      ipsecProposals: [{ encryption: 'sm4', integrity: 'sm3', pfs: 'group2' }],
      localSubnets: ['10.2.1.0/24'],
      remoteSubnets: ['10.1.1.0/24'],
    });
    delete smDevice.tunnels.single.bgp;
    const ok = await cli('precheck', '--peer', write('peer-sm.json', smDevice), at('sm.json'));
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(json<PrecheckOut>(ok).tunnels.map((t) => [t.tunnel, t.ike, t.child])).toEqual([['single', 'ok', 'ok']]);

    const aes = readFixture('peer-single.json') as { tunnels: { single: Record<string, unknown> } };
    Object.assign(aes.tunnels.single, { localSubnets: ['10.2.1.0/24'], remoteSubnets: ['10.1.1.0/24'] });
    const fails = await cli('precheck', '--peer', write('peer-aes.json', aes), at('sm.json'));
    expect(fails.code).toBe(1);
    expect(json<PrecheckOut>(fails).tunnels[0]?.reasons.filter((r) => r.severity === 'error').map((r) => r.path)).toContain('IkeConfig.IkeEncAlg');
  });

  test('importer remarks go to stderr as warnings; text that is no configuration is bad input', async () => {
    const conf = readFileSync(at('single-swanctl.conf'), 'utf8').replace(/^(\s*version = \d)$/m, '$1\n    frobnicate = yes');
    const line = conf.split('\n').findIndex((l) => l.includes('frobnicate')) + 1;
    expect(line).toBeGreaterThan(0);
    const path = write('remarks.conf', conf);
    const run = await cli('precheck', '--peer', path, at('single.json'));
    expect(run.code, run.stderr).toBe(0);
    expect(json<PrecheckOut>(run).verdict).toBe('negotiates');
    const warnings = run.stderr.split('\n').filter((l) => l !== '');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.startsWith(`warning: ${path}:${line}: `)).toBe(true);
    expect(warnings[0]).toMatch(/\(frobnicate = yes\)$/);
    expectBadInput(await cli('precheck', '--peer', write('notes.txt', 'hello, this is not a device configuration\n'), at('single.json')), '--format');
    expect((await cli('precheck', '--peer', at('notes.txt'), '--format', 'swanctl', at('single.json'))).code).toBe(2);
  });

  test('--peer is required', async () => {
    expectBadInput(await cli('precheck', at('single.json')), '--peer');
  });
});

describe('bad input: one line on stderr, exit 2', () => {
  test('no command, unknown command, unknown option, missing argument', async () => {
    await expectBadInputs(
      [[], 'no command'],
      [['deploy', at('single.json')], 'deploy'],
      [['check', '--strict', at('single.json')], '--strict'],
      [['check'], '<connection.json>'],
      [['check', at('single.json'), at('dual.json')], 'unexpected argument'],
      [['plan', '--region-id'], '--region-id'],
      [['check', '--vpn-type', 'Premium', at('single.json')], 'Normal, NationalStandard'],
    );
  });

  test('missing, unreadable, a directory, not JSON, too large', async () => {
    mkdirSync(at('a-directory'));
    writeFileSync(at('bytes.json'), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    const locked = write('locked.json', readFileSync(at('single.json'), 'utf8'));
    chmodSync(locked, 0o000);
    await expectBadInputs(
      [['check', at('nope.json')], 'nope.json', 'no such file'],
      [['check', at('a-directory')], 'is a directory'],
      [['check', write('text.json', 'VpnConnectionId: vco-1')], 'not valid JSON'],
      [['check', at('bytes.json')], 'bytes.json', 'not UTF-8'],
      [['check', write('big.json', `{"Name":"${'x'.repeat(1024 * 1024)}"}`)], 'too large'],
    );
    // root reads any file, so "permission denied" can only be seen by another user.
    const run = await cli('check', locked);
    if (process.getuid?.() === 0) expect(run.code).toBe(0);
    else expectBadInput(run, 'permission denied');
  });

  test('wrong shape: the field is named', async () => {
    const noAlg = readFixture('single.json');
    delete (noAlg.IkeConfig as Record<string, unknown>).IkeEncAlg;
    await expectBadInputs(
      [['check', write('no-alg.json', noAlg)], 'IkeConfig.IkeEncAlg'],
      [['plan', '--region-id', 'cn-hangzhou', at('single.json'), at('no-alg.json')], 'no-alg.json', 'IkeConfig.IkeEncAlg'],
      [['check', write('array.json', '[]')], 'an array'],
    );
    const lifetime = readFixture('dual.json');
    const [master] = (lifetime.TunnelOptionsSpecification as { TunnelOptions: Array<{ TunnelIkeConfig: Record<string, unknown> }> }).TunnelOptions;
    if (master) master.TunnelIkeConfig.IkeLifetime = 'a day';
    expectBadInput(await cli('device-config', '--device-address', '139.18.20.2', write('bad-lifetime.json', lifetime)), 'IkeLifetime');
  });
});
