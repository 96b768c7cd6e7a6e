// One machine's network cable to the Sandbox: a TCP relay on 127.0.0.1 that can be unplugged (open connections cut,
// new ones accepted and closed at once, which the client sees as a reset) and plugged back, so one studio goes offline while another on the same emulator stays online.
import net from 'node:net';

export interface CuttableProxy {
  /** `127.0.0.1:<port>` (written like the emulator's endpoint), in its place. */
  endpoint: string;
  setConnected(connected: boolean): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(target: string): Promise<CuttableProxy> {
  const { hostname, port } = new URL(/^\w+:\/\//.test(target) ? target : `http://${target}`);
  let connected = true;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!connected) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(port), hostname);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    open.add(client);
    open.add(upstream);
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    endpoint: `127.0.0.1:${address.port}`,
    setConnected(value) {
      connected = value;
      if (!value) for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
