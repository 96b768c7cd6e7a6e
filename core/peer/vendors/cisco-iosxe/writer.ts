// The generated text with its notes, plus what the notes share: a placeholder is explained once per name, and the
// weak-algorithm note is given once, at the first line that uses one.
import { VendorText } from '../generic.ts';
import { isWeak } from './algorithms.ts';
import { LABEL } from './common.ts';
import { CISCO_IOSXE_MESSAGES } from './messages.ts';
import type { Dropped, TunnelPlan } from './plan.ts';

export const DPD_LINE = 'dpd 10 3 periodic';
export const KEEPALIVE_LINE = 'crypto isakmp keepalive 10 3 periodic';

export class Writer extends VendorText {
  private readonly placeholders = new Set<string>();
  private weakNoted = false;
  /** Every weak algorithm the configuration uses, for the one weak-algorithm note. */
  readonly weakNames: string[] = [];

  constructor(weakNames: readonly string[]) {
    super(LABEL, CISCO_IOSXE_MESSAGES);
    this.weakNames = [...weakNames];
  }

  /** `peer.vendor.interfacePlaceholder`, the first time `name` is written. */
  placeholder(line: number, name: string, what: string): void {
    if (this.placeholders.has(name)) return;
    this.placeholders.add(name);
    this.note(line, 'peer.vendor.interfacePlaceholder', { name, what });
  }

  /** Notes the weak algorithms at the first line that writes one of `names`. */
  weak(line: number, names: readonly string[]): void {
    if (this.weakNoted || !names.some(isWeak)) return;
    this.weakNoted = true;
    this.note(line, 'peer.cisco-iosxe.weakAlgorithm', { algorithms: this.weakNames.join(', ') });
  }

  /** A `!` separator between blocks, the way IOS-XE prints its running configuration. */
  bang(): void {
    this.add('!');
  }
}

/** Proposals IOS-XE cannot express, each as a comment at its place with the note saying why. */
export function writeDropped(out: Writer, indent: string, t: TunnelPlan, phase: 'IKE' | 'IPsec', dropped: readonly Dropped[]): void {
  for (const d of dropped) {
    const algorithms = d.missing.join(', ');
    const line = out.add(`${indent}! ${phase} proposal ${d.proposal || '(empty)'} of tunnel ${t.key} left out: Cisco IOS-XE has no ${algorithms}`);
    out.note(line, d.sm ? 'peer.vendor.cannotSm' : 'peer.vendor.cannotAlgorithm', { algorithms });
  }
}

