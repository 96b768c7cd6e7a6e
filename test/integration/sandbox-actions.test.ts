// The Sandbox answers every VPC action the app calls. main/services/sandbox.ts checks the emulator's action map by
// type (`SandboxActions`); this test checks the same at run time, and that the type check still bites.
import { describe, expect, it } from 'vitest';
import { ACTION_HANDLERS, ACTIONS } from '../../emulator/actions/index.ts';
import type { SandboxActions } from '../../main/services/sandbox.ts';
import { VPC_ACTIONS, type VpcAction } from '../../main/services/vpc-client.ts';

describe('Sandbox actions', () => {
  it.each(VPC_ACTIONS)('the emulator answers %s', (action) => {
    expect(ACTIONS.get(action)).toBeTypeOf('function');
  });

  it('lacking an action the app calls is a type error', () => {
    // @ts-expect-error: DescribeVpnConnection, which the app calls, has no handler.
    type _Lacking = SandboxActions<Omit<typeof ACTION_HANDLERS, 'DescribeVpnConnection'>>;
    // @ts-expect-error: an action the app would call that the emulator does not answer.
    type _NewAction = SandboxActions<typeof ACTION_HANDLERS, VpcAction | 'DescribeVpnPbrRouteEntries'>;
    type _Complete = SandboxActions<typeof ACTION_HANDLERS>;
    expect(Object.keys(ACTION_HANDLERS)).toEqual(expect.arrayContaining([...VPC_ACTIONS]));
  });
});
