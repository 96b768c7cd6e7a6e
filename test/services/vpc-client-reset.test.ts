// A connection reset before any answer: a read is sent once more (a keep-alive socket closed while idle in the pool is
// the usual cause, and a Describe* is safe to repeat); a write never is here (the apply engine owns re-sending it
// under its ClientToken); a second reset is reported as offline.
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { createVpcClient } from '../../main/services/vpc-client.ts';

let emulator: RunningEmulator | undefined;
let relay: net.Server | undefined;
afterEach(async () => {
  await new Promise((r) => (relay ? relay.close(r) : r(undefined)));
  await emulator?.close();
});

/** A relay to the emulator that resets the connection carrying each of the next `resets` requests as it arrives
 * (pooled keep-alive connections included). */
async function resettingRelay(target: RunningEmulator): Promise<{ endpoint: string; resetNext(n: number): void }> {
  let resets = 0;
  const [host, port] = target.endpoint.split(':');
  relay = net.createServer((client) => {
    const upstream = net.connect(Number(port), host);
    client.on('data', (chunk) => {
      // A request starts with its method; later chunks of the same request pass.
      if (resets > 0 && /^(GET|POST) /.test(chunk.toString('latin1', 0, 5))) {
        resets--;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => relay!.listen(0, '127.0.0.1', r));
  return { endpoint: `127.0.0.1:${(relay.address() as net.AddressInfo).port}`, resetNext: (n) => (resets = n) };
}

it('repeats a read once after a reset, never a write, and reports offline only when the repeat fails too', async () => {
  emulator = await startEmulator({ port: 0 });
  const path = await resettingRelay(emulator);
  const reachability: boolean[] = [];
  const client = createVpcClient({ endpointFor: () => ({ endpoint: path.endpoint, protocol: 'http' }), credentials: emulator.credentials, onReachability: (up) => reachability.push(up) });

  path.resetNext(1);
  const read = await client.call({ action: 'DescribeVpnConnection', RegionId: 'eu-central-1', query: { VpnConnectionId: 'vco-eu001' } });
  expect(read.VpnConnectionId).toBe('vco-eu001');
  // No "offline" in between: the app would otherwise flap and run a reconcile for nothing.
  expect(reachability).toEqual([true]);

  path.resetNext(1);
  await expect(client.call({ action: 'ModifyVpnConnectionAttribute', RegionId: 'eu-central-1', query: { VpnConnectionId: 'vco-eu001', Name: 'renamed' } })).rejects.toMatchObject({ shape: { code: 'Network.ConnectionReset' } });
  expect(emulator.modificationCount('vpn-eusingle01')).toBe(0);

  path.resetNext(2);
  await expect(client.call({ action: 'DescribeVpnConnection', RegionId: 'eu-central-1', query: { VpnConnectionId: 'vco-eu001' } })).rejects.toMatchObject({ shape: { code: 'Network.ConnectionReset' } });
  expect(reachability).toEqual([true, false, false]);
});
