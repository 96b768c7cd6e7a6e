import type { DualTopLevel } from '../state/views.ts';
import type { Store } from '../state/store.ts';
import type { Params } from './params.ts';

export type TunnelModeMismatch = 'reject' | 'ignore';
/**
 * What a TunnelOptionsSpecification element that leaves out part of its tunnel does (the document does not say):
 * `reset` (default) gives what it leaves out the creation defaults, a random PSK among them; `keep` keeps it.
 */
export type PartialTunnel = 'reset' | 'keep';

export interface ActionContext {
  params: Params;
  store: Store;
  requestId: string;
  accessKeyId: string;
  dualTopLevel: DualTopLevel;
  tunnelModeMismatch: TunnelModeMismatch;
  partialTunnel: PartialTunnel;
}

export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;
