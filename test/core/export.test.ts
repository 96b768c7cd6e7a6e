// Exports of a change: the JSON requests are the engine's, the aliyun CLI script sends exactly them once its PSK
// variables are set (run through bash with a stub `aliyun`), and no export holds a key.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModifyRequest, getField, maskSecrets, setField, toWire, type DualTunnelConnection, type SingleTunnelConnection, type VpnConnection } from '../../core/index.ts';
import { aliyunCliExport, aliyunCliScript } from '../../core/export/aliyun-cli.ts';
import { formatHcl, hclString } from '../../core/export/hcl.ts';
import { changeRequests, requestsJson, type ExportChange } from '../../core/export/requests.ts';
import { terraformExport } from '../../core/export/terraform.ts';
import { liveAndDraft } from './arbitraries.ts';
import { dual, normalGateway, single } from './fixtures.ts';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'export');

function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI) throw new Error(`golden file ${file} is missing`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const PSK_PATHS = (c: VpnConnection): string[] =>
  c.mode === 'single' ? ['IkeConfig.Psk'] : ['TunnelOptionsSpecification.1.TunnelIkeConfig.Psk', 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk'];

/** Every PSK made recognisable (still a valid key: letters, then the generated symbols), so "no key in the output" can be checked. */
const marked = (c: VpnConnection, tag: string): VpnConnection =>
  PSK_PATHS(c).reduce((acc, path, i) => setField(acc, path, `PSKMARK${tag}${i}${String(getField(acc, path)).slice(0, 80)}`), c);

/** Random changes of distinct connections, each PSK marked. */
const changesArb = fc.array(liveAndDraft, { minLength: 1, maxLength: 3 }).map((pairs): ExportChange[] =>
  pairs.map(([live, draft], i) => {
    const id = `vco-prop-${i}`;
    return { RegionId: i === 2 ? 'cn-shanghai' : 'cn-hangzhou', live: marked({ ...live, VpnConnectionId: id }, `L${i}`), draft: marked({ ...draft, VpnConnectionId: id }, `D${i}`) };
  }),
);

// stdin not a socket: bash would otherwise read ~/.bashrc as if started by sshd.
const bash = (args: string[], env: Record<string, string> = {}) => spawnSync('bash', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });

const CALL = '@@aliyun-call@@';
/** Runs the script with `aliyun` stubbed to print its arguments NUL-separated; returns each call's arguments. */
function runWithStub(script: string, env: Record<string, string>): { calls: string[][]; status: number | null; stderr: string } {
  const result = bash(['-c', `aliyun() { printf '%s\\0' '${CALL}' "$@"; }\n${script}`], env);
  const calls: string[][] = [];
  for (const arg of result.stdout.split('\0').slice(0, -1)) {
    if (arg === CALL) calls.push([]);
    else calls.at(-1)!.push(arg);
  }
  return { calls, status: result.status, stderr: result.stderr };
}

/** `--Key value` pairs of one call, after `vpc ModifyVpnConnectionAttribute`. */
function callParams(call: string[]): Record<string, string> {
  expect(call.slice(0, 2)).toEqual(['vpc', 'ModifyVpnConnectionAttribute']);
  const params: Record<string, string> = {};
  for (let i = 2; i < call.length; i += 2) {
    expect(call[i]).toMatch(/^--/);
    params[call[i]!.slice(2)] = call[i + 1]!;
  }
  return params;
}

const envFor = (changes: ExportChange[]) => {
  const { script, variables } = aliyunCliExport(changes);
  const env: Record<string, string> = {};
  for (const v of variables) env[v.variable] = String(getField(changes.find((c) => c.draft.VpnConnectionId === v.VpnConnectionId)!.draft, v.path));
  return { script, variables, env };
};

function singleChange(): ExportChange {
  const live = single();
  const draft: SingleTunnelConnection = { ...live, Name: `it's "$HOME" \`id\` \\ {x}`, IkeConfig: { ...live.IkeConfig, Psk: "n'ew$key`1", IkeEncAlg: 'aes256' } };
  return { RegionId: 'cn-hangzhou', live, draft };
}

function dualChange(): ExportChange {
  const live = dual();
  const draft = structuredClone(live) as DualTunnelConnection;
  draft.tunnels[1].TunnelIkeConfig.Psk = 'slave$(id)`key';
  draft.tunnels[1].TunnelIpsecConfig.IpsecEncAlg = 'aes256';
  draft.RemoteSubnet = '10.2.0.0/16,10.4.0.0/16';
  return { RegionId: 'cn-shanghai', live, draft };
}

describe('changeRequests', () => {
  it('is the request the engine builds (buildModifyRequest), for random valid changes', () => {
    fc.assert(
      fc.property(liveAndDraft, ([live, draft]) => {
        const built = buildModifyRequest(live, draft, normalGateway, { RegionId: 'cn-hangzhou' });
        fc.pre(built.ok);
        const requests = changeRequests([{ RegionId: 'cn-hangzhou', live, draft }]);
        if (!built.ok) return;
        expect(requests).toEqual(Object.keys(built.request).length > 2 ? [built.request] : []);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves out a draft that changes nothing and refuses a draft of another connection', () => {
    expect(changeRequests([{ RegionId: 'cn-hangzhou', live: single(), draft: single() }])).toEqual([]);
    expect(() => changeRequests([{ RegionId: 'cn-hangzhou', live: single(), draft: dual() }])).toThrow(/not a draft of/);
  });

  it('writes the JSON document with every PSK masked', () => {
    const changes = [singleChange(), dualChange()];
    const json = requestsJson(changes);
    expect(JSON.parse(json)).toEqual(changeRequests(changes).map(maskSecrets));
    expect(json).not.toContain("n'ew$key");
    expect(json).not.toContain('slave$(id)');
    expect(JSON.parse(json)[1].TunnelOptionsSpecification[0].TunnelIkeConfig.Psk).toBe('******');
  });
});

describe('aliyun CLI script', () => {
  it('sends the engine requests byte for byte once the variables are set, and holds no key (random changes)', () => {
    fc.assert(
      fc.property(changesArb, (changes) => {
        const { script, env } = envFor(changes);
        expect(script).not.toContain('PSKMARK');
        expect(bash(['-n', '-c', script]).status).toBe(0);
        const run = runWithStub(script, env);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const requests = changeRequests(changes);
        expect(run.calls.map(callParams)).toEqual(requests.map((r) => ({ ...toWire(r).query, ...toWire(r).body })));
        for (const [i, r] of requests.entries()) if (r.IkeConfig) expect(JSON.parse(callParams(run.calls[i]!).IkeConfig!)).toEqual(JSON.parse(r.IkeConfig));
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('names each variable after the tunnel, not the place of its element in the request', () => {
    const { script, variables } = aliyunCliExport([singleChange(), dualChange()]);
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toContain('\nset -euo pipefail\n');
    expect(variables.map((v) => [v.variable, v.path, v.changed])).toEqual([
      ['PSK_VCO_BP1BBI27HOJX80NCK____', 'IkeConfig.Psk', true],
      ['PSK_VCO_DUAL0000000001_2', 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk', true],
    ]);
    expect(script).toContain(`--TunnelOptionsSpecification.1.TunnelIkeConfig.Psk "$PSK_VCO_DUAL0000000001_2"`);
    expect(script).toContain(`--IkeConfig '{"Psk":"'"$PSK_VCO_BP1BBI27HOJX80NCK____"'","IkeVersion":"ikev1",`);
    expect(script).toContain(': "${PSK_VCO_DUAL0000000001_2:?set PSK_VCO_DUAL0000000001_2 to the new key of tunnel 2 (slave) of vco-dual0000000001 (dual-test)}"');
  });

  it('stops before sending anything when a key is missing or would break the JSON', () => {
    const changes = [singleChange(), dualChange()];
    const { script, env } = envFor(changes);
    const missing = runWithStub(script, { PSK_VCO_BP1BBI27HOJX80NCK____: env.PSK_VCO_BP1BBI27HOJX80NCK____! });
    expect(missing.status).not.toBe(0);
    expect(missing.calls).toEqual([]);
    expect(missing.stderr).toContain('set PSK_VCO_DUAL0000000001_2 to the new key of tunnel 2 (slave) of vco-dual0000000001');
    const quoted = runWithStub(script, { ...env, PSK_VCO_BP1BBI27HOJX80NCK____: 'a"b' });
    expect(quoted.status).toBe(1);
    expect(quoted.calls).toEqual([]);
    expect(quoted.stderr).toContain('PSK_VCO_BP1BBI27HOJX80NCK____: a pre-shared key may not contain a double quote or a backslash');
  });

  it('passes a name with quotes, $, backticks and backslashes through unchanged', () => {
    const changes = [singleChange()];
    const { script, env } = envFor(changes);
    const run = runWithStub(script, env);
    expect(callParams(run.calls[0]!).Name).toBe(`it's "$HOME" \`id\` \\ {x}`);
    expect(JSON.parse(callParams(run.calls[0]!).IkeConfig!).Psk).toBe("n'ew$key`1");
  });

  it('says there is nothing to send when no draft changes anything', () => {
    const script = aliyunCliScript([{ RegionId: 'cn-hangzhou', live: single(), draft: single() }]);
    expect(script).toContain('# Nothing to send');
    expect(script).not.toContain('aliyun vpc');
  });
});

describe('Terraform', () => {
  it('matches the reviewed single-tunnel and dual-tunnel configurations', () => {
    expectGolden('terraform-single.tf', terraformExport([singleChange()]));
    expectGolden('terraform-dual.tf', terraformExport([dualChange()]));
  });

  // Terraform is not a Debian package, so CI has none: there the formatter's own rules (below) stand in for it.
  const hasTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
  if (!hasTerraform) console.log('[export] skipped "terraform fmt" check: no terraform binary on this machine');
  it.skipIf(!hasTerraform)('is printed as terraform fmt prints it', () => {
    const templated = singleChange();
    const draft = { ...templated.draft, Name: 'a ${b} %{c}', RemoteCaCertificate: 'PEM' } as SingleTunnelConnection;
    for (const text of [terraformExport([singleChange(), dualChange()]), terraformExport([{ ...templated, draft }])]) {
      const fmt = spawnSync('terraform', ['fmt', '-'], { input: text, encoding: 'utf8' });
      expect(fmt.status).toBe(0);
      expect(fmt.stdout).toBe(text);
    }
  });

  it('aligns = per run of attributes and escapes templates', () => {
    const text = formatHcl([{ block: { type: 'a', labels: ['x'], body: [{ attribute: 'k', value: 1 }, { attribute: 'long_key', value: true }, 'blank', { attribute: 'z', value: ['1', '2'] }, { type: 'b', labels: [], body: [{ attribute: 'q', value: { expression: 'var.q' } }] }] } }]);
    expect(text).toBe('a "x" {\n  k        = 1\n  long_key = true\n\n  z = ["1", "2"]\n  b {\n    q = var.q\n  }\n}\n');
    expect(hclString('${a} %{b} "c" \\d\n')).toBe('"$${a} %%{b} \\"c\\" \\\\d\\n"');
  });

  it('gives each connection a unique identifier and never writes a key (random changes)', () => {
    fc.assert(
      fc.property(changesArb, (changes) => {
        const same = changes.map((c) => ({ ...c, live: { ...c.live, Name: 'Same name' }, draft: { ...c.draft, Name: 'Same name' } }));
        const tf = terraformExport(same);
        expect(tf).not.toContain('PSKMARK');
        const names = [...tf.matchAll(/^resource "alicloud_vpn_connection" "([^"]+)"/gm)].map((m) => m[1]!);
        expect(names.length).toBe(changeRequests(same).length);
        expect(new Set(names).size).toBe(names.length);
        for (const n of names) expect(n).toMatch(/^[a-z_][a-z0-9_]*$/);
        const sensitive = [...tf.matchAll(/^variable "([^"]+)" \{\n {2}type {6}= string\n {2}sensitive = true\n\}/gm)].map((m) => m[1]);
        expect(sensitive.sort()).toEqual([...tf.matchAll(/psk += var\.(\w+)/g)].map((m) => m[1]).sort());
      }),
      { numRuns: 100 },
    );
  });
});
