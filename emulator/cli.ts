import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateInventory } from './seed/generate.ts';
import { DEFAULT_RENEGOTIATE_SECONDS, DEFAULT_UPDATE_SECONDS, parseFaultSpec, startEmulator } from './index.ts';
import type { EmulatorSeed } from './types.ts';

// `npm run emulator -- --port 8787 --seed-file my.json --update-seconds 5 --faults throttle=0.1,seed=7`

const USAGE = `Usage: npm run emulator -- [options]
  --port <n>             port on 127.0.0.1 (default 8787; 0 = any free port)
  --seed-file <path>     inventory JSON (default: emulator/seed/default.json)
  --generate <r,g,c>     instead of a seed file: generated inventory of r regions, g gateways, c connections
  --update-seconds <s>   how long a gateway stays "updating" after a change (default ${DEFAULT_UPDATE_SECONDS})
  --renegotiate-seconds <s>  how long a changed tunnel renegotiates after the update (default ${DEFAULT_RENEGOTIATE_SECONDS})
  --faults <spec>        e.g. throttle=0.1,5xx=0.05,latency=200,reset=0.01,hang=0.01,hangMs=5000,seed=7,
                         lost=0.05,lostkinds=reset|timeout|5xx|garbage (answer lost after the change),
                         conflictnext=1 (next Modify answers VpnTask.CONFLICT) or JSON
  --dual-top-level <m>   empty | mirror-master
  --partial-tunnel <m>   reset | keep: what a tunnel element that leaves part of its tunnel out does (default reset)
  --help`;

function fail(message: string): never {
  console.error(`emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        'seed-file': { type: 'string' },
        generate: { type: 'string' },
        'update-seconds': { type: 'string' },
        'renegotiate-seconds': { type: 'string' },
        faults: { type: 'string' },
        'dual-top-level': { type: 'string' },
        'partial-tunnel': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${values.port}`);
  const updateSeconds = values['update-seconds'] === undefined ? DEFAULT_UPDATE_SECONDS : Number(values['update-seconds']);
  if (!Number.isFinite(updateSeconds) || updateSeconds < 0) fail('invalid --update-seconds');
  const renegotiateSeconds =
    values['renegotiate-seconds'] === undefined ? DEFAULT_RENEGOTIATE_SECONDS : Number(values['renegotiate-seconds']);
  if (!Number.isFinite(renegotiateSeconds) || renegotiateSeconds < 0) fail('invalid --renegotiate-seconds');
  let seed: EmulatorSeed | undefined;
  if (values['seed-file']) {
    try {
      seed = JSON.parse(readFileSync(values['seed-file'], 'utf8')) as EmulatorSeed;
    } catch (e) {
      fail(`cannot read seed file: ${(e as Error).message}`);
    }
  } else if (values.generate) {
    const parts = values.generate.split(',');
    const [regions = 3, gateways = 10, connections = 100] = parts.map(Number);
    if (parts.length > 3 || ![regions, gateways, connections].every((n) => Number.isInteger(n) && n >= 0)) {
      fail(`invalid --generate ${values.generate} (want regions,gateways,connections)`);
    }
    try {
      seed = generateInventory({ regions, gateways, connections, seed: 1 });
    } catch (e) {
      fail((e as Error).message);
    }
  }
  let faults;
  try {
    faults = values.faults ? parseFaultSpec(values.faults) : undefined;
  } catch (e) {
    fail(`invalid --faults: ${(e as Error).message}`);
  }
  const dualTop = values['dual-top-level'];
  if (dualTop !== undefined && dualTop !== 'empty' && dualTop !== 'mirror-master') fail('invalid --dual-top-level');
  const partialTunnel = values['partial-tunnel'];
  if (partialTunnel !== undefined && partialTunnel !== 'reset' && partialTunnel !== 'keep') fail('invalid --partial-tunnel');

  const emulator = await startEmulator({
    port,
    updateSeconds,
    renegotiateSeconds,
    ...(seed ? { seed } : {}),
    ...(faults ? { faults } : {}),
    ...(dualTop ? { dualTopLevelIkeConfig: dualTop } : {}),
    ...(partialTunnel ? { partialTunnel } : {}),
  });
  console.log(`Alibaba Cloud VPC API emulator listening on http://${emulator.endpoint}`);
  console.log(`  endpoint:        ${emulator.endpoint}  (Config.endpoint, protocol 'http')`);
  console.log(`  AccessKeyId:     ${emulator.credentials.accessKeyId}`);
  console.log(`  AccessKeySecret: ${emulator.credentials.accessKeySecret}  (sandbox key, not a secret)`);
  console.log(`  admin:           ${emulator.adminUrl}/state`);
  console.log(
    `  updating lasts:  ${updateSeconds}s, renegotiation ${renegotiateSeconds}s${faults ? `; faults: ${JSON.stringify(faults)}` : ''}`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`emulator: ${signal}, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('emulator: failed to start:', e);
  process.exit(1);
});
