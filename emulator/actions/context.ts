import type { DualTopLevel } from '../state/views.ts';
import type { Store } from '../state/store.ts';
import type { Params } from './params.ts';

export type TunnelModeMismatch = 'reject' | 'ignore';

export interface ActionContext {
  params: Params;
  store: Store;
  requestId: string;
  accessKeyId: string;
  dualTopLevel: DualTopLevel;
  tunnelModeMismatch: TunnelModeMismatch;
}

export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;
