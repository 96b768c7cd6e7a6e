// The real services (composeApp) against an emulator the benchmark owns, with the production apply and poll
// policies, plus counters for the API calls they make.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, MethodArgs, MethodName, MethodResult } from '../../core/contract.ts';

import { composeApp, type ComposedApp, type ComposeOptions } from '../../main/compose.ts';
import { dispatch } from '../../main/handlers/dispatch.ts';
import { createVpcClient, type VpcCall } from '../../main/services/vpc-client.ts';

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';

export interface BenchApp {
  app: ComposedApp;
  calls: VpcCall[];
  /** One IPC call through the real dispatcher, typed by the contract. */
  call<M extends MethodName>(method: M, args?: MethodArgs<M>): Promise<MethodResult<M>>;
  close(): Promise<void>;
}

export async function benchApp(
  emulator: { endpoint: string; credentials: { accessKeyId: string; accessKeySecret: string } },
  emit: (event: EventName, payload: unknown) => void = () => undefined,
  overrides: Partial<ComposeOptions> = {},
): Promise<BenchApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-bench-'));
  const calls: VpcCall[] = [];
  const app = await composeApp({
    facts: { name: 'IPsec Studio', version: 'bench', platform: process.platform, arch: process.arch, versions: { node: process.versions.node } },
    dataDir,
    emit,
    keychain: null,
    homeDir: dataDir,
    env: {},
    sandbox: async () => ({ endpoint: emulator.endpoint, credentials: emulator.credentials, close: async () => undefined }),
    createClient: (options) => {
      const client = createVpcClient(options);
      return {
        call: (call) => {
          calls.push(call);
          return client.call(call);
        },
      };
    },
    ...overrides,
  });
  return {
    app,
    calls,
    async call(method, args) {
      const reply = await dispatch(app.table, method, args ?? {}, { url: 'app://bundle/index.html', isMainFrame: true }, { allowedOrigins: ['app://bundle'] });
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
      return reply.value as never;
    },
    async close() {
      await app.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
