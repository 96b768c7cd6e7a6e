// The keyboard map, shared by the global handler and the list in Settings.
export type ShortcutId = 'save' | 'apply' | 'quickOpen' | 'nextChange' | 'prevChange' | 'toggleTunnels' | 'focusTree' | 'close';

export interface Shortcut {
  id: ShortcutId;
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'save', key: 's', mod: true },
  { id: 'apply', key: 'Enter', mod: true },
  { id: 'quickOpen', key: 'p', mod: true },
  { id: 'nextChange', key: 'F7' },
  { id: 'prevChange', key: 'F7', shift: true },
  { id: 'toggleTunnels', key: '\\', mod: true },
  { id: 'focusTree', key: 't', alt: true },
  { id: 'close', key: 'Escape' },
];

export function shortcutText(s: Shortcut, mac: boolean): string {
  const parts: string[] = [];
  if (s.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (s.alt) parts.push(mac ? '⌥' : 'Alt');
  if (s.shift) parts.push('Shift');
  parts.push(s.key.length === 1 ? s.key.toUpperCase() : s.key === 'Escape' ? 'Esc' : s.key);
  return parts.join(mac ? '' : '+');
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matchShortcut(e: KeyLike): ShortcutId | null {
  const mod = e.ctrlKey || e.metaKey;
  for (const s of SHORTCUTS) {
    if (s.id === 'close') continue; // handled by dialogs themselves
    const keyMatches = s.key.length === 1 ? e.key.toLowerCase() === s.key : e.key === s.key;
    if (keyMatches && !!s.mod === mod && !!s.shift === e.shiftKey && !!s.alt === e.altKey) return s.id;
  }
  return null;
}

/** F7 / Shift+F7: moves focus to the next / previous changed field of the editor, wrapping around. */
export function focusChange(direction: 1 | -1, root: ParentNode = document): boolean {
  const inputs = [...root.querySelectorAll<HTMLElement>('#editor-grid .changed [data-field-input]')];
  if (inputs.length === 0) return false;
  const active = document.activeElement;
  let index = inputs.findIndex((el) => el === active || el.contains(active));
  if (index < 0) {
    // From outside the changes: the first change after (or before) the focus in document order.
    index = direction === 1 ? -1 : inputs.length;
    if (active && active !== document.body) {
      const after = inputs.findIndex((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (after >= 0) index = direction === 1 ? after - 1 : after;
    }
  }
  const next = inputs[(index + direction + inputs.length) % inputs.length];
  next?.focus();
  next?.scrollIntoView?.({ block: 'nearest' });
  return true;
}

/** Focuses the first element matching `selector` once it is on screen (the editor opens asynchronously). */
export function focusWhenShown(selector: string, timeoutMs = 3000): void {
  const until = performance.now() + timeoutMs;
  const attempt = () => {
    const element = document.querySelector<HTMLElement>(selector);
    if (element) element.focus();
    else if (performance.now() < until) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
