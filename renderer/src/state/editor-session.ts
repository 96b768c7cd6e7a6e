// The open connection: its live state (the draft's base), the draft being edited, saving (explicit and automatic),
// conflicts after reconcile, discard. Drafts are created lazily: browsing a connection creates nothing in main.
//
// State is keyed by connection so that nothing has to be reset in an effect when the selection changes:
// `record` (main's draft) and `edits` (local, unsaved) only count when they belong to the selected connection.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Api, DraftRecord, DraftSummary } from '../../../core/contract.ts';
import { setField, type VpnConnection } from '../../../core/index.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { toErrorShape } from '../i18n/error-text.ts';

export interface Selection {
  RegionId: string;
  VpnConnectionId: string;
}

export interface EditorSession {
  selection: Selection | null;
  record: DraftRecord | null;
  live: VpnConnection | null;
  liveFetchedAt: string | null;
  draft: VpnConnection | null;
  dirty: boolean;
  saving: boolean;
  loading: boolean;
  error: AppErrorShape | null;
  edit(path: string, value: unknown): void;
  replaceDraft(update: (d: VpnConnection) => VpnConnection): void;
  save(): Promise<DraftRecord | null>;
  reconcile(): Promise<void>;
  resolve(path: string, take: 'draft' | 'live'): Promise<void>;
  discard(): Promise<void>;
}

const AUTOSAVE_MS = 1200;

export function useEditorSession(
  api: Api,
  selection: Selection | null,
  liveConnection: VpnConnection | undefined,
  inventoryFetchedAt: string | null,
  drafts: readonly DraftSummary[],
): EditorSession {
  const id = selection?.VpnConnectionId ?? null;
  const [storedRecord, setRecord] = useState<DraftRecord | null>(null);
  const [storedEdits, setEdits] = useState<VpnConnection | null>(null);
  const [saving, setSaving] = useState(false);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string | null; error: AppErrorShape } | null>(null);
  // The draft our own save just created, until main's draftsChanged lists it.
  const [createdId, setCreatedId] = useState<string | null>(null);

  // Applied drafts are history: the connection is edited afresh from its live state.
  const draftSummary = drafts.find((d) => d.VpnConnectionId === id && d.status !== 'applied');
  const draftId = draftSummary?.draftId;
  const recordValid =
    storedRecord !== null &&
    storedRecord.VpnConnectionId === id &&
    (storedRecord.draftId === draftId || (draftId === undefined && storedRecord.draftId === createdId && !drafts.some((d) => d.draftId === createdId)));
  const record = recordValid ? storedRecord : null;
  const edits = storedEdits && storedEdits.VpnConnectionId === id ? storedEdits : null;
  const live = record ? record.base : (liveConnection ?? null);
  const draft = edits ?? record?.draft ?? (draftId ? null : (liveConnection ?? null));
  const dirty = edits !== null;

  // The latest values for async callbacks (written after render, read in handlers and timers).
  const latest = useRef({ record, draft, selection });
  useLayoutEffect(() => {
    latest.current = { record, draft, selection };
  });

  // Fetch main's draft when the selected connection has one (and we do not hold it yet).
  const updatedAt = draftSummary?.updatedAt;
  useEffect(() => {
    if (!draftId || !id) return;
    const held = latest.current.record;
    if (held?.draftId === draftId && held.updatedAt === updatedAt) return;
    let current = true;
    setLoadingId(id);
    api.getDraft({ draftId }).then(
      (rec) => {
        if (!current) return;
        setRecord(rec);
        setLoadingId(null);
      },
      (reason: unknown) => {
        if (!current) return;
        setError({ id, error: toErrorShape(reason) });
        setLoadingId(null);
      },
    );
    return () => {
      current = false;
    };
    // updatedAt: an import or a reconcile done elsewhere changes the record.
  }, [api, draftId, id, updatedAt]);

  // Saves run one after another: an autosave that fires while "apply" saves must reach main before applyDraft,
  // or main would see a save of a draft that is already being applied.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const saveNow = useCallback(async (): Promise<DraftRecord | null> => {
    const { draft: current, selection: sel, record: rec0 } = latest.current;
    if (!sel || !current) return null;
    setSaving(true);
    try {
      const rec = rec0 ?? (await api.openDraft({ RegionId: sel.RegionId, VpnConnectionId: sel.VpnConnectionId }));
      if (!rec0) setCreatedId(rec.draftId);
      await api.saveDraft({ draftId: rec.draftId, draft: current });
      const next: DraftRecord = { ...rec, draft: current };
      latest.current = { ...latest.current, record: next };
      setRecord(next);
      // Keystrokes typed while saving stay as local edits.
      setEdits((e) => (e === current ? null : e));
      setError(null);
      return next;
    } catch (reason) {
      setError({ id: sel.VpnConnectionId, error: toErrorShape(reason) });
      return null;
    } finally {
      setSaving(false);
    }
  }, [api]);
  const save = useCallback((): Promise<DraftRecord | null> => {
    const run = queue.current.then(saveNow, saveNow);
    queue.current = run;
    return run;
  }, [saveNow]);

  useEffect(() => {
    if (!edits) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [edits, save]);

  const edit = useCallback((path: string, value: unknown) => {
    const base = latest.current.draft;
    setEdits((e) => {
      const from = e && e.VpnConnectionId === base?.VpnConnectionId ? e : base;
      return from ? setField(from, path, value) : e;
    });
  }, []);
  const replaceDraft = useCallback((update: (d: VpnConnection) => VpnConnection) => {
    const base = latest.current.draft;
    setEdits((e) => {
      const from = e && e.VpnConnectionId === base?.VpnConnectionId ? e : base;
      return from ? update(from) : e;
    });
  }, []);

  const withRecord = useCallback(
    async (run: (rec: DraftRecord) => Promise<DraftRecord>) => {
      const { record: rec, draft: current } = latest.current;
      if (!rec) return;
      try {
        if (current && current !== rec.draft) await api.saveDraft({ draftId: rec.draftId, draft: current });
        const next = await run(rec);
        setRecord(next);
        setEdits(null);
        setError(null);
      } catch (reason) {
        setError({ id: rec.VpnConnectionId, error: toErrorShape(reason) });
      }
    },
    [api],
  );

  const reconcile = useCallback(() => withRecord((rec) => api.reconcileDraft({ draftId: rec.draftId })), [api, withRecord]);
  const resolve = useCallback(
    (path: string, take: 'draft' | 'live') => withRecord((rec) => api.resolveConflict({ draftId: rec.draftId, path, take })),
    [api, withRecord],
  );

  const discard = useCallback(async () => {
    const rec = latest.current.record;
    try {
      if (rec) await api.discardDraft({ draftId: rec.draftId });
      setRecord(null);
      setEdits(null);
    } catch (reason) {
      setError({ id: rec?.VpnConnectionId ?? null, error: toErrorShape(reason) });
    }
  }, [api]);

  return {
    selection,
    record,
    live,
    liveFetchedAt: record ? record.baseFetchedAt : inventoryFetchedAt,
    draft,
    dirty,
    saving,
    loading: loadingId !== null && loadingId === id,
    error: error && error.id === id ? error.error : null,
    edit,
    replaceDraft,
    save,
    reconcile,
    resolve,
    discard,
  };
}
