// The apply state machine as a Mermaid diagram, drawn from the transition table (docs/architecture.md embeds it;
// a test keeps the two equal).
import { TRANSITIONS } from './phases.ts';

export function phasesDiagram(): string {
  const id = (phase: string) => phase.replace(/-/g, '_');
  const lines = ['stateDiagram-v2', '  [*] --> queued'];
  for (const [from, targets] of Object.entries(TRANSITIONS)) {
    for (const to of targets) lines.push(`  ${id(from)} --> ${id(to)}`);
    if (targets.length === 0) lines.push(`  ${id(from)} --> [*]`);
  }
  return lines.join('\n');
}
