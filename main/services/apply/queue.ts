// One job at a time per VPN gateway (the API refuses concurrent modification with VpnGateway.Configuring), and at
// most `maxParallelGateways` gateways busy at once. Tasks of one gateway run strictly in the order they came.
export interface GatewayQueue {
  enqueue(VpnGatewayId: string, task: () => Promise<void>): Promise<void>;
  /** Resolves when every queued task has finished. */
  idle(): Promise<void>;
  readonly running: number;
}

export function createGatewayQueue(maxParallelGateways: number): GatewayQueue {
  const pending = new Map<string, Array<{ task: () => Promise<void>; done: () => void }>>();
  const busy = new Set<string>();
  let idleWaiters: Array<() => void> = [];

  const pump = () => {
    for (const [gatewayId, tasks] of pending) {
      if (busy.size >= maxParallelGateways) break;
      if (busy.has(gatewayId) || tasks.length === 0) continue;
      const next = tasks.shift()!;
      if (tasks.length === 0) pending.delete(gatewayId);
      busy.add(gatewayId);
      void next
        .task()
        .catch(() => undefined)
        .finally(() => {
          busy.delete(gatewayId);
          next.done();
          pump();
        });
    }
    if (busy.size === 0 && pending.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  return {
    enqueue(VpnGatewayId, task) {
      return new Promise<void>((resolve) => {
        const list = pending.get(VpnGatewayId) ?? [];
        list.push({ task, done: resolve });
        // Re-insert so that gateways are served in the order they first got work (Map keeps insertion order).
        pending.delete(VpnGatewayId);
        pending.set(VpnGatewayId, list);
        pump();
      });
    },
    idle() {
      if (busy.size === 0 && pending.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    get running() {
      return busy.size;
    },
  };
}
