// Where the user is: the view, the open connection and how it is shown (columns, tunnels, compare), what is revealed,
// the drawer, quick open. Opening another connection saves the open draft first (through `beforeLeave`).
import { useCallback, useState } from 'react';
import type { DrawerTab } from '../components/Drawer.tsx';
import type { EditorMode } from '../components/editor/EditorView.tsx';
import type { View } from '../components/TopBar.tsx';
import type { Selection } from './editor-session.ts';

export type QuickOpenMode = 'open' | 'compare';

export interface Workspace {
  view: View;
  setView(view: View): void;
  selection: Selection | null;
  mode: EditorMode;
  compareId: string | null;
  revealed: ReadonlySet<string>;
  revealDiff: boolean;
  setRevealDiff(reveal: boolean): void;
  drawerTab: DrawerTab;
  setDrawerTab(tab: DrawerTab): void;
  drawerOpen: boolean;
  setDrawerOpen(open: boolean): void;
  quickOpen: QuickOpenMode | null;
  setQuickOpen(mode: QuickOpenMode | null): void;
  /** The confirm window picked in the preview for the next apply; null = the one in Settings. */
  confirmWindow: number | null;
  setConfirmWindow(seconds: number | null): void;
  /** Opens a connection in the editor, fresh: columns, nothing revealed, no comparison. */
  open(entry: Selection): Promise<void>;
  /** Closes the open connection (a profile switch). */
  close(): Promise<void>;
  toggleReveal(path: string): void;
  toggleTunnels(): void;
  compareWith(VpnConnectionId: string): void;
  closeCompare(): void;
  /** The drawer's diff, with the keyboard on Apply when it can be pressed, else on the preview (which says why). */
  openPreview(): void;
  openTimeline(): void;
}

export function useWorkspace(beforeLeave: () => Promise<unknown>): Workspace {
  const [view, setView] = useState<View>('editor');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [mode, setMode] = useState<EditorMode>('columns');
  const [compareId, setCompareId] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [revealDiff, setRevealDiff] = useState(false);
  const [drawerTab, setDrawerTab] = useState<DrawerTab>('diff');
  const [drawerOpen, setDrawerOpen] = useState(true);
  const [quickOpen, setQuickOpen] = useState<QuickOpenMode | null>(null);
  const [confirmWindow, setConfirmWindow] = useState<number | null>(null);

  const open = useCallback(
    async (entry: Selection) => {
      await beforeLeave();
      setSelection({ RegionId: entry.RegionId, VpnConnectionId: entry.VpnConnectionId });
      setMode('columns');
      setCompareId(null);
      setRevealed(new Set());
      setRevealDiff(false);
      setView('editor');
    },
    [beforeLeave],
  );
  const close = useCallback(async () => {
    await beforeLeave();
    setSelection(null);
  }, [beforeLeave]);
  const toggleReveal = useCallback((path: string) => {
    setRevealed((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  }, []);
  const toggleTunnels = useCallback(() => setMode((m) => (m === 'tunnels' ? 'columns' : 'tunnels')), []);
  const compareWith = useCallback((id: string) => {
    setCompareId(id);
    setMode('compare');
  }, []);
  const closeCompare = useCallback(() => {
    setMode('columns');
    setCompareId(null);
  }, []);
  const openPreview = useCallback(() => {
    setDrawerOpen(true);
    setDrawerTab('diff');
    setView('editor');
    requestAnimationFrame(() => {
      const apply = document.querySelector<HTMLElement>('[data-testid="apply"]:not([disabled])');
      if (apply) apply.focus();
      else document.getElementById('drawer-panel')?.focus();
    });
  }, []);
  const openTimeline = useCallback(() => {
    setDrawerTab('timeline');
    setDrawerOpen(true);
  }, []);
  return {
    view,
    setView,
    selection,
    mode,
    compareId,
    revealed,
    revealDiff,
    setRevealDiff,
    drawerTab,
    setDrawerTab,
    drawerOpen,
    setDrawerOpen,
    quickOpen,
    setQuickOpen,
    confirmWindow,
    setConfirmWindow,
    open,
    close,
    toggleReveal,
    toggleTunnels,
    compareWith,
    closeCompare,
    openPreview,
    openTimeline,
  };
}
