import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DEFAULT_SEED, generateInventory } from '../../emulator/index.ts';
import { TUNNEL_CIDRS_PER_GATEWAY, tunnelCidr } from '../../emulator/seed/generate.ts';
import { TestClient, withEmulator } from './helpers.ts';

test('the default seed covers the documented scenarios', () => {
  expect(DEFAULT_SEED.regions.length).toBeGreaterThanOrEqual(3);
  expect(DEFAULT_SEED.vpnGateways.some((g) => g.VpnType === 'NationalStandard')).toBe(true);
  expect(DEFAULT_SEED.vpnGateways.some((g) => (g.VpnType ?? 'Normal') === 'Normal')).toBe(true);
  expect(DEFAULT_SEED.vpnGateways.filter((g) => g.BusinessStatus === 'FinancialLocked')).toHaveLength(1);
  expect(DEFAULT_SEED.vpnConnections.some((c) => c.TunnelOptions?.length === 2)).toBe(true);
  expect(DEFAULT_SEED.vpnConnections.some((c) => !c.TunnelOptions)).toBe(true);
  expect(DEFAULT_SEED.vpnConnections.some((c) => c.VpnBgpConfig?.EnableBgp || c.EnableTunnelsBgp)).toBe(true);
  expect(DEFAULT_SEED.vpnConnections.some((c) => !c.VpnBgpConfig?.EnableBgp && !c.EnableTunnelsBgp)).toBe(true);
});

test('generateInventory is deterministic, sized as asked, and valid for the emulator', async () => {
  const options = { regions: 6, gateways: 40, connections: 3000, seed: 11 };
  const a = generateInventory(options);
  expect(generateInventory(options)).toEqual(a);
  expect(generateInventory({ ...options, seed: 12 })).not.toEqual(a);
  expect(a.regions).toHaveLength(6);
  expect(a.vpnGateways).toHaveLength(40);
  expect(a.vpnConnections).toHaveLength(3000);
  expect(new Set(a.vpnConnections.map((c) => c.VpnConnectionId)).size).toBe(3000);
  expect(a.vpnGateways.some((g) => g.VpnType === 'NationalStandard')).toBe(true);

  const em = await withEmulator({ seed: a });
  try {
    const client = new TestClient(em);
    const region = a.regions[0]?.RegionId as string;
    const expected = a.vpnConnections.filter((c) => c.RegionId === region).length;
    const page = await client.call('DescribeVpnConnections', { RegionId: region, PageSize: 50, PageNumber: 2 });
    expect(page.TotalCount).toBe(expected);
    expect(page.VpnConnections.VpnConnection).toHaveLength(50);
    // Generated connections obey the emulator's own rules: a no-op-ish modify passes every cross-connection check.
    const target = a.vpnConnections.find((c) => c.RegionId === region && c.TunnelOptions && c.EnableTunnelsBgp);
    expect(target).toBeDefined();
    const gateway = a.vpnGateways.find((g) => g.VpnGatewayId === target?.VpnGatewayId);
    if (gateway?.BusinessStatus !== 'FinancialLocked') {
      const res = await client.call('ModifyVpnConnectionAttribute', { RegionId: region, VpnConnectionId: target?.VpnConnectionId as string, Name: 'bench-touched' });
      expect(res.Name).toBe('bench-touched');
    }
  } finally {
    await em.close();
  }
});

test('tunnel networks handed out by the generator are distinct /30s of 169.254.0.0/16, never reserved', () => {
  const reserved = new Set([...[0, 1, 2, 3, 4, 5, 6].map((n) => `169.254.${n}.0/30`), '169.254.169.252/30']);
  const all = Array.from({ length: TUNNEL_CIDRS_PER_GATEWAY }, (_, i) => tunnelCidr(i));
  expect(new Set(all.map((t) => t.cidr)).size).toBe(TUNNEL_CIDRS_PER_GATEWAY);
  for (const t of all) {
    const [a, b, c, d] = t.cidr.replace('/30', '').split('.').map(Number) as [number, number, number, number];
    expect([a, b, c <= 255, d % 4, reserved.has(t.cidr)], t.cidr).toEqual([169, 254, true, 0, false]);
    expect(t.local).toBe(`169.254.${c}.${d + 1}`);
  }
  expect(all.at(-1)?.cidr).toBe('169.254.255.252/30');
  expect(() => tunnelCidr(TUNNEL_CIDRS_PER_GATEWAY)).toThrow(RangeError);
});

test('generateInventory refuses what it cannot build instead of producing a broken or empty inventory', () => {
  expect(() => generateInventory({ regions: 1, gateways: 1, connections: TUNNEL_CIDRS_PER_GATEWAY, seed: 1 })).toThrow(/too large/);
  expect(() => generateInventory({ regions: Number.NaN, gateways: 2, connections: 3, seed: 1 })).toThrow(/numbers/);
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', 'emulator/cli.ts', ...args], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let interrupted = false;
    child.stdout.on('data', async (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on http:\/\/(127\.0\.0\.1:(\d+))/.exec(stdout);
      if (m && !interrupted && stdout.includes('admin:')) {
        interrupted = true;
        try {
          const endpoint = m[1] as string;
          const port = Number(m[2]);
          const secret = /AccessKeySecret: (\S+)/.exec(stdout)?.[1] as string;
          const id = /AccessKeyId:\s+(\S+)/.exec(stdout)?.[1] as string;
          const client = new TestClient(
            { endpoint, port, credentials: { accessKeyId: id, accessKeySecret: secret } } as never,
          );
          const regions = await client.call('DescribeRegions');
          stdout += `\nREGIONS=${regions.Regions.Region.length}\n`;
        } catch (e) {
          stdout += `\nCALL FAILED ${(e as Error).message}\n`;
        }
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

test('npm run emulator: binds 127.0.0.1, prints endpoint and credentials, serves, exits cleanly on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emu-seed-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(generateInventory({ regions: 5, gateways: 5, connections: 20, seed: 3 })));
  const { code, stdout } = await runCli([
    '--port', '0', '--seed-file', seedFile, '--update-seconds', '0.2', '--renegotiate-seconds', '0.5',
    '--faults', 'latency=1,seed=4,lost=0,lostkinds=reset|5xx',
  ]);
  expect(stdout).toContain('LTAI-SANDBOX-FULL-ACCESS');
  expect(stdout).toContain('renegotiation 0.5s');
  expect(stdout).toContain('"lostAnswerKinds":["reset","5xx"]');
  expect(stdout).toContain('REGIONS=5');
  expect(stdout).toContain('SIGINT');
  expect(code).toBe(0);
});

test('npm run emulator: an unusable --generate is a usage error, not an empty inventory', async () => {
  const { code, stdout } = await runCli(['--port', '0', '--generate', 'three,ten,many']);
  expect(code).toBe(2);
  expect(stdout).not.toContain('listening');
});

test('npm run emulator: an unusable --renegotiate-seconds or lost-answer kind is a usage error', async () => {
  for (const args of [['--renegotiate-seconds', 'soon'], ['--faults', 'lostkinds=drop']]) {
    const { code, stdout } = await runCli(['--port', '0', ...args]);
    expect(code, args.join(' ')).toBe(2);
    expect(stdout).not.toContain('listening');
  }
});
