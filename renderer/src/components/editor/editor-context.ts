// What every draft cell of the open connection needs, whichever layout shows it (columns, tunnels side by side,
// compared with another connection): provided once by EditorView.
import { createContext, useContext } from 'react';
import type { VpnType } from '../../../../core/index.ts';
import type { AppErrorShape } from '../../../../core/errors.ts';
import type { Analysis } from '../../state/analysis.ts';

export interface EditorContextValue {
  analysis: Analysis;
  vpnType: VpnType;
  /** Paths whose secret is shown in clear. */
  revealed: ReadonlySet<string>;
  /** Field errors main reported on the last (failed) apply of this connection. */
  apiErrors: ReadonlyMap<string, readonly AppErrorShape[]>;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside <EditorContext.Provider>');
  return editor;
}
