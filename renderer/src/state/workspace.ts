// The editor workspace: which view shows, which connection is open and how (columns, tunnels side by side, compared
// with another connection), which secrets are shown, the drawer (tab, open) and quick open. UI state only: what the
// open connection holds is in open-connection.ts.
import { useCallback, useState } from 'react';
import type { Selection } from './editor-session.ts';

export type View = 'editor' | 'drafts' | 'profiles' | 'settings';
export type EditorMode = 'columns' | 'tunnels' | 'compare';
export type DrawerTab = 'diff' | 'timeline';
export type QuickOpenMode = 'open' | 'compare';

/** The open draft, read when leaving it: unsaved edits are saved before another connection (or profile) opens. */
export interface OpenDraftRef {
  readonly current: { dirty: boolean; save(): Promise<unknown> } | null;
}

export type Workspace = ReturnType<typeof useWorkspace>;

export function useWorkspace(openDraft: OpenDraftRef) {
  const [view, setView] = useState<View>('editor');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [mode, setMode] = useState<EditorMode>('columns');
  const [compareId, setCompareId] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [revealDiff, setRevealDiff] = useState(false);
  const [drawerTab, setDrawerTab] = useState<DrawerTab>('diff');
  const [drawerOpen, setDrawerOpen] = useState(true);
  const [quickOpen, setQuickOpen] = useState<QuickOpenMode | null>(null);
  /** The confirm window asked for in the preview (null: the setting's). */
  const [confirmWindow, setConfirmWindow] = useState<number | null>(null);

  // Handlers read the open draft through a ref: they stay the same function while the user types, so the rail (and
  // its virtualized tree) does not re-render on every keystroke in the editor.
  const openEntry = useCallback(
    async (entry: Selection) => {
      const draft = openDraft.current;
      if (draft?.dirty) await draft.save();
      setSelection({ RegionId: entry.RegionId, VpnConnectionId: entry.VpnConnectionId });
      setMode('columns');
      setCompareId(null);
      setRevealed(new Set());
      setRevealDiff(false);
      setView('editor');
    },
    [openDraft],
  );
  const openConnection = useCallback((entry: Selection) => void openEntry(entry), [openEntry]);
  /** Leaves the open connection (a profile switch, once its unsaved edits are saved). */
  const closeEntry = useCallback(() => setSelection(null), []);

  const toggleReveal = useCallback((path: string) => {
    setRevealed((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  }, []);
  const toggleTunnels = useCallback(() => setMode((m) => (m === 'tunnels' ? 'columns' : 'tunnels')), []);
  const startCompare = useCallback(() => setQuickOpen('compare'), []);
  const closeCompare = useCallback(() => {
    setMode('columns');
    setCompareId(null);
  }, []);
  const startQuickOpen = useCallback(() => setQuickOpen('open'), []);
  const closeQuickOpen = useCallback(() => setQuickOpen(null), []);
  /** A connection picked in quick open: opened, or compared with the open one. */
  const pickQuickOpen = useCallback(
    (entry: Selection) => {
      if (quickOpen === 'compare') {
        setCompareId(entry.VpnConnectionId);
        setMode('compare');
      } else openConnection(entry);
      setQuickOpen(null);
    },
    [quickOpen, openConnection],
  );

  const openPreview = useCallback(() => {
    setDrawerOpen(true);
    setDrawerTab('diff');
    setView('editor');
    // Focus Apply when it can be pressed, else the preview itself (which says why it cannot).
    requestAnimationFrame(() => {
      const apply = document.querySelector<HTMLElement>('[data-testid="apply"]:not([disabled])');
      if (apply) apply.focus();
      else document.getElementById('drawer-panel')?.focus();
    });
  }, []);
  const showTimeline = useCallback(() => {
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
    confirmWindow,
    setConfirmWindow,
    openEntry,
    openConnection,
    closeEntry,
    toggleReveal,
    toggleTunnels,
    startCompare,
    closeCompare,
    startQuickOpen,
    closeQuickOpen,
    pickQuickOpen,
    openPreview,
    showTimeline,
  };
}
