import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Api, ConnectionSummary, DraftSummary, EventPayload, JobSummary } from '../../core/contract.ts';
import { isAppErrorShape, type AppErrorShape } from '../../core/errors.ts';
import { buildGatewayContext, type GatewayContext, type VpnConnection } from '../../core/index.ts';
import { errorMessage } from './api.ts';
import { DiffPreview, type ApplyBlock } from './components/diff/DiffPreview.tsx';
import { Drawer, type DrawerTab } from './components/Drawer.tsx';
import { EditorView, type EditorMode } from './components/editor/EditorView.tsx';
import { QuickOpen } from './components/common/QuickOpen.tsx';
import { RetryBanner } from './components/common/RetryBanner.tsx';
import { Rail } from './components/rail/Rail.tsx';
import { JobProgress } from './components/timeline/JobProgress.tsx';
import { Timeline } from './components/timeline/Timeline.tsx';
import { TopBar, type View } from './components/TopBar.tsx';
import { download, DraftsView } from './components/views/DraftsView.tsx';
import { ProfilesView } from './components/views/ProfilesView.tsx';
import { SettingsView } from './components/views/SettingsView.tsx';
import { i18n } from './i18n/index.ts';
import { analyse } from './state/analysis.ts';
import { ApiContext } from './state/api-context.tsx';
import { useConnectivity } from './state/connectivity.ts';
import { useDrafts } from './state/drafts.ts';
import { useEditorSession, type Selection } from './state/editor-session.ts';
import { useApiEvent } from './state/events.ts';
import { useGatewayConnections } from './state/gateway-connections.ts';
import { useLiveConnection } from './state/live-connection.ts';
import { useInventory } from './state/inventory.ts';
import { isInFlight, latestJobFor, needsAttention, useJobs, watchedJobs } from './state/jobs.ts';
import { jobHealthOverrides, openHealth, withHealth } from './state/health.ts';
import { useProfiles } from './state/profiles.ts';
import { useSettings } from './state/settings.ts';
import { focusChange } from './state/shortcuts.ts';
import { useGlobalShortcuts } from './state/use-shortcuts.ts';
import { indexInventory, treeRows } from './state/tree.ts';
import { useNow } from './state/use-now.ts';

export function App({ api }: { api: Api }) {
  return (
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <Studio api={api} />
      </I18nextProvider>
    </ApiContext.Provider>
  );
}

type Notice = EventPayload<'appNotice'> & { id: number };

/** A failure as a notice: main's message on screen, its code kept for support (title / data-code), not shown. */
function errorNotice(reason: unknown, fallbackCode: string): Notice {
  const id = Date.now() + Math.random();
  if (isAppErrorShape(reason)) return { id, level: 'error', code: reason.code, message: reason.message };
  return { id, level: 'error', code: fallbackCode, message: errorMessage(reason) };
}

const OFFLINE_RETRY_MS = 4000;
const NO_CONNECTIONS: readonly VpnConnection[] = [];

function Studio({ api }: { api: Api }) {
  const { t } = useTranslation();
  const { settings, update: updateSettings, lang } = useSettings(api);
  const profiles = useProfiles(api);
  const profileId = profiles.state.activeProfileId;
  const inventory = useInventory(api, profileId);
  const drafts = useDrafts(api, profileId);
  const connectivity = useConnectivity(api, inventory.snapshot?.source);
  const jobs = useJobs(api);
  const now = useNow(15_000);

  const [view, setView] = useState<View>('editor');
  const [regionId, setRegionId] = useState('');
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selection, setSelection] = useState<Selection | null>(null);
  const [mode, setMode] = useState<EditorMode>('columns');
  const [compareId, setCompareId] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [revealDiff, setRevealDiff] = useState(false);
  const [drawerTab, setDrawerTab] = useState<DrawerTab>('diff');
  const [drawerOpen, setDrawerOpen] = useState(true);
  const [quickOpen, setQuickOpen] = useState<null | 'open' | 'compare'>(null);
  const [confirmWindow, setConfirmWindow] = useState<number | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);

  const snapshot = inventory.snapshot;
  const index = useMemo(() => indexInventory(snapshot), [snapshot]);
  const listedRows = useMemo(() => treeRows(index, { filter: deferredFilter, regionId, collapsed }), [index, deferredFilter, regionId, collapsed]);
  // An apply watching the tunnels knows more than the listing fetched before it: its read shows in the tree.
  const healthOverrides = useMemo(() => jobHealthOverrides(jobs.jobs, snapshot?.fetchedAt ?? null), [jobs.jobs, snapshot?.fetchedAt]);
  const rows = useMemo(
    () => (healthOverrides.size === 0 ? listedRows : listedRows.map((r) => (r.kind === 'connection' && healthOverrides.has(r.key) ? { ...r, entry: withHealth(r.entry, healthOverrides.get(r.key)) } : r))),
    [listedRows, healthOverrides],
  );
  const entries = useMemo(() => snapshot?.connections ?? [], [snapshot]);
  const entryById = useMemo(() => new Map(entries.map((e) => [e.VpnConnectionId, e])), [entries]);
  const draftIds = useMemo(() => new Set(drafts.drafts.filter((d) => d.status !== 'applied').map((d) => d.VpnConnectionId)), [drafts.drafts]);

  const selectedId = selection?.VpnConnectionId ?? null;
  const selectedGatewayId = selectedId ? (entryById.get(selectedId)?.VpnGatewayId ?? drafts.drafts.find((d) => d.VpnConnectionId === selectedId)?.VpnGatewayId) : undefined;
  const full = useGatewayConnections(api, snapshot, [selectedGatewayId, compareId ? entryById.get(compareId)?.VpnGatewayId : undefined]);
  const opened = useLiveConnection(api, snapshot, selection);
  const session = useEditorSession(api, selection, opened.connection, opened.fetchedAt, drafts.drafts);
  const draft = session.draft && session.draft.VpnConnectionId === selectedId ? session.draft : null;
  const live = session.live && session.live.VpnConnectionId === selectedId ? session.live : null;
  const gateway = draft ? index.byId.get(draft.VpnGatewayId) : undefined;

  const gatewayId = draft?.VpnGatewayId;
  const customerGateways = snapshot?.customerGateways;
  const RegionId = selection?.RegionId ?? '';
  // The rules check a connection against its gateway's other connections: no analysis (and no Apply) without them.
  // Built by core's buildGatewayContext, as main builds it for draft readiness and before sending.
  const siblings = gatewayId ? full.connectionsOf(gatewayId) : NO_CONNECTIONS;
  const gatewayType = gateway?.VpnType;
  const gatewayBgp = gateway?.EnableBgp === true;
  const context = useMemo<GatewayContext | null>(
    () =>
      siblings && selectedId
        ? buildGatewayContext({
            VpnConnectionId: selectedId,
            RegionId,
            gateway: gatewayType ? { VpnType: gatewayType, EnableBgp: gatewayBgp } : undefined,
            connections: siblings,
            customerGateways: customerGateways ?? [],
          })
        : null,
    [gatewayType, gatewayBgp, siblings, selectedId, RegionId, customerGateways],
  );
  const analysis = useMemo(() => (live && draft && context ? analyse(live, draft, context, RegionId, revealDiff) : null), [live, draft, context, RegionId, revealDiff]);

  const job = selectedId ? latestJobFor(jobs.jobs, selectedId) : undefined;
  // Tunnel health of the open connection: from its live read (or its apply's newer read), never from the draft.
  const selectedEntry = selectedId ? entryById.get(selectedId) : undefined;
  const listedAt = snapshot?.fetchedAt ?? null;
  const liveHealth = useMemo(
    () => openHealth(opened.connection, opened.fetchedAt, job, { entry: selectedEntry, fetchedAt: listedAt }),
    [opened.connection, opened.fetchedAt, job, selectedEntry, listedAt],
  );
  const inFlight = isInFlight(job);
  // Errors main mapped to fields on a failed apply stay next to those fields until the next apply.
  const apiErrors = useMemo(() => {
    const map = new Map<string, AppErrorShape[]>();
    if (job?.phase !== 'failed') return map;
    for (const e of job.fieldErrors) if (e.field) map.set(e.field, [...(map.get(e.field) ?? []), e]);
    return map;
  }, [job]);
  // Conflicts first: resolving them can change what the rules see.
  const hasConflicts = (session.record?.conflicts.length ?? 0) > 0;
  const block: ApplyBlock = !analysis
    ? 'none'
    : hasConflicts
      ? 'conflicts'
      : analysis.issues.length > 0
        ? 'rules'
        : !connectivity.online
          ? 'offline'
          : inFlight
            ? 'busy'
            : analysis.rows.length === 0 || !analysis.request
              ? 'none'
              : null;

  const { fetchTimeline } = jobs;
  useEffect(() => {
    if (selectedId) void fetchTimeline(selectedId);
  }, [selectedId, fetchTimeline]);
  const timeline = useMemo(() => jobs.events.filter((e) => e.VpnConnectionId === selectedId), [jobs.events, selectedId]);

  // Offline: main only notices reachability when it calls the API, so retry the inventory every few seconds.
  // Back online: refresh the inventory and reconcile every open draft with the new live state (conflicts appear).
  const wasOnline = useRef(connectivity.online);
  const { load: loadInventory } = inventory;
  const sessionRef = useRef(session);
  const draftsRef = useRef(drafts.drafts);
  useEffect(() => {
    sessionRef.current = session;
    draftsRef.current = drafts.drafts;
  });
  useEffect(() => {
    if (connectivity.online) return;
    const timer = setInterval(() => void loadInventory(true), OFFLINE_RETRY_MS);
    return () => clearInterval(timer);
  }, [connectivity.online, loadInventory]);
  useEffect(() => {
    const back = connectivity.online && !wasOnline.current;
    wasOnline.current = connectivity.online;
    if (!back) return;
    void (async () => {
      if (sessionRef.current.dirty) await sessionRef.current.save();
      await loadInventory(true);
      for (const d of draftsRef.current.filter((x) => x.status === 'editing' || x.status === 'conflict')) {
        await api.reconcileDraft({ draftId: d.draftId }).catch(() => undefined);
      }
    })();
  }, [connectivity.online, loadInventory, api]);

  // A finished apply changes the live state: fetch it again.
  const lastPhase = useRef<string | undefined>(undefined);
  useEffect(() => {
    const phase = job?.phase;
    if (phase && phase !== lastPhase.current && !isInFlight(job) && lastPhase.current !== undefined) void loadInventory(false);
    lastPhase.current = phase;
  }, [job, loadInventory]);

  useApiEvent(api, 'appNotice', (n) => setNotices((list) => [...list.slice(-3), { ...n, id: Date.now() + Math.random() }]));

  // Handlers passed to the rail read the session through a ref: they stay the same function while the user types, so
  // the rail (and its virtualized tree) does not re-render on every keystroke in the editor.
  const latestSession = useRef(session);
  useLayoutEffect(() => {
    latestSession.current = session;
  });
  const openEntry = useCallback(
    async (entry: { RegionId: string; VpnConnectionId: string }) => {
      const session = latestSession.current;
      if (session.dirty) await session.save();
      setSelection({ RegionId: entry.RegionId, VpnConnectionId: entry.VpnConnectionId });
      setMode('columns');
      setCompareId(null);
      setRevealed(new Set());
      setRevealDiff(false);
      setView('editor');
    },
    [],
  );
  const openConnection = useCallback((e: ConnectionSummary) => void openEntry({ RegionId: e.RegionId, VpnConnectionId: e.VpnConnectionId }), [openEntry]);
  const openDraftSummary = useCallback((d: DraftSummary) => void openEntry(d), [openEntry]);

  const onToggle = useCallback((gatewayId: string, expanded: boolean) => {
    setCollapsed((s) => {
      const next = new Set(s);
      if (expanded) next.delete(gatewayId);
      else next.add(gatewayId);
      return next;
    });
  }, []);
  const onToggleReveal = useCallback((path: string) => {
    setRevealed((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  }, []);
  const { edit } = session;

  const { switchTo } = profiles;
  const switchProfile = useCallback(
    async (id: string) => {
      const session = latestSession.current;
      if (session.dirty) await session.save();
      setSelection(null);
      setRegionId('');
      await switchTo(id);
    },
    [switchTo],
  );
  const onSwitchProfile = useCallback((id: string) => void switchProfile(id), [switchProfile]);
  // Countdowns of every change being watched, shown in the top bar from any view; a chip opens its timeline.
  const watched = useMemo(() => watchedJobs(jobs.jobs).map((j) => ({ job: j, name: entryById.get(j.VpnConnectionId)?.Name || j.VpnConnectionId })), [jobs.jobs, entryById]);
  const openJob = useCallback(
    async (j: JobSummary) => {
      if (j.profileId !== profileId) await switchProfile(j.profileId);
      await openEntry({ RegionId: j.RegionId, VpnConnectionId: j.VpnConnectionId });
      setDrawerTab('timeline');
      setDrawerOpen(true);
      // Coming from a countdown, the keyboard lands on the job's first action (Roll back when a tunnel is down).
      focusWhenShown(`[data-testid="job-progress"][data-job="${j.jobId}"] .btn.primary`);
    },
    [openEntry, profileId, switchProfile],
  );
  const onOpenJob = useCallback((j: JobSummary) => void openJob(j), [openJob]);
  const onRefresh = useCallback(() => void loadInventory(true), [loadInventory]);
  const onCancelInventory = useCallback(() => void api.cancelInventory().catch(() => undefined), [api]);
  const onQuickOpen = useCallback(() => setQuickOpen('open'), []);

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

  const apply = useCallback(async () => {
    const record = await session.save();
    if (!record) return;
    try {
      const started = await api.applyDraft({ draftId: record.draftId, confirmWindowSeconds: confirmWindow ?? settings.confirmWindowSeconds });
      jobs.upsertJob(started);
      setDrawerTab('timeline');
    } catch (reason) {
      setNotices((list) => [...list, errorNotice(reason, 'Apply')]);
    }
  }, [api, session, confirmWindow, settings.confirmWindowSeconds, jobs]);

  const jobAction = useCallback(
    async (action: 'confirmJob' | 'rollbackJob') => {
      if (!job) return;
      try {
        jobs.upsertJob(await api[action]({ jobId: job.jobId }));
      } catch (reason) {
        setNotices((list) => [...list, errorNotice(reason, action)]);
      }
    },
    [api, job, jobs],
  );

  useGlobalShortcuts({
    save: () => {
      if (session.dirty && !inFlight) void session.save();
    },
    apply: () => {
      if (draft) openPreview();
    },
    quickOpen: () => setQuickOpen('open'),
    nextChange: () => focusChange(1),
    prevChange: () => focusChange(-1),
    toggleTunnels: () => {
      if (draft?.mode === 'dual') setMode((m) => (m === 'tunnels' ? 'columns' : 'tunnels'));
    },
    focusTree: () => document.querySelector<HTMLElement>('[role="tree"]')?.focus(),
  });

  const loadFailure = opened.error ?? full.error ?? (opened.missing ? t('editor.notInInventory') : null);
  const compareWith: VpnConnection | null = compareId ? (full.byId.get(compareId) ?? null) : null;
  const activeProfile = profiles.state.profiles.find((p) => p.profileId === profileId);

  return (
    <div className="app-shell">
      <TopBar view={view} onView={setView} profile={activeProfile} connectivity={connectivity} draftCount={drafts.drafts.length} onQuickOpen={onQuickOpen} watched={watched} onOpenJob={onOpenJob} />
      {!connectivity.online && (
        <div className="offline-banner" role="status" data-testid="offline-banner">
          <strong>{t('app.offline')}</strong> — {t('app.offlineHint')}
          {connectivity.reason && (
            <span className="muted mono reason" title={connectivity.reason}>
              {' '}
              ({connectivity.reason})
            </span>
          )}
        </div>
      )}
      {notices.length > 0 && (
        <div className="notices" role="region" aria-label={t('app.notice')}>
          {notices.map((n) => (
            <p
              key={n.id}
              className={`banner ${n.level === 'error' ? 'error' : n.level === 'warning' ? 'warn' : 'ok'}`}
              role={n.level === 'error' ? 'alert' : 'status'}
              data-code={n.code}
              title={n.code}
            >
              <span className="notice-text">{n.message}</span>
              <button type="button" className="btn small ghost" onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))} aria-label={t('app.close')}>
                ×
              </button>
            </p>
          ))}
        </div>
      )}
      <div className="workspace">
        <Rail
          profiles={profiles.state}
          onSwitchProfile={onSwitchProfile}
          snapshot={snapshot}
          progress={inventory.progress}
          loading={inventory.loading}
          error={inventory.error}
          regionId={regionId}
          onRegion={setRegionId}
          filter={filter}
          appliedFilter={deferredFilter}
          onFilter={setFilter}
          onRefresh={onRefresh}
          onCancel={onCancelInventory}
          rows={rows}
          selectedId={selectedId}
          draftIds={draftIds}
          onOpen={openConnection}
          onToggle={onToggle}
          onQuickOpen={onQuickOpen}
          lang={lang}
          now={now}
        />
        <main className="main" id="main">
          {view === 'editor' && selection && loadFailure && (
            <RetryBanner
              tone="error"
              text={t('editor.loadFailed', { message: loadFailure })}
              onRetry={() => {
                opened.retry();
                full.retry();
              }}
            />
          )}
          {view === 'editor' && selection && opened.notLive && !session.record && (
            <RetryBanner tone="warn" testId="not-live" text={t('editor.notLive', { code: opened.notLive.code, message: opened.notLive.message })} onRetry={opened.retry} />
          )}
          {view === 'editor' &&
            (draft && live && analysis ? (
              <EditorView
                session={session}
                live={live}
                draft={draft}
                analysis={analysis}
                gateway={gateway}
                lang={lang}
                now={now}
                mode={mode === 'compare' && !compareWith ? 'columns' : mode}
                compareWith={compareWith}
                revealed={revealed}
                apiErrors={apiErrors}
                liveConnection={opened.connection}
                health={liveHealth}
                busy={inFlight}
                onToggleReveal={onToggleReveal}
                onChange={edit}
                onPreview={openPreview}
                onToggleTunnels={() => setMode((m) => (m === 'tunnels' ? 'columns' : 'tunnels'))}
                onCompare={() => setQuickOpen('compare')}
                onCloseCompare={() => {
                  setMode('columns');
                  setCompareId(null);
                }}
              />
            ) : (
              <div className="empty-state">
                {session.loading || (selection && !analysis) ? <p role="status">{t('app.loading')}</p> : <p>{t('editor.empty', { shortcut: 'Ctrl+P' })}</p>}
                {session.error && (
                  <p role="alert" className="banner error">
                    {t('editor.openFailed', { message: session.error })}
                  </p>
                )}
              </div>
            ))}
          {view === 'drafts' && (
            <DraftsView drafts={drafts.drafts} jobs={jobs.jobs} lang={lang} now={now} confirmWindowSeconds={settings.confirmWindowSeconds} online={connectivity.online} onOpen={openDraftSummary} />
          )}
          {view === 'profiles' && <ProfilesView state={profiles.state} onSwitch={onSwitchProfile} onChanged={profiles.setState} />}
          {view === 'settings' && <SettingsView settings={settings} onUpdate={(patch) => void updateSettings(patch)} />}
        </main>
        {view === 'editor' && draft && analysis && (
          <Drawer open={drawerOpen} onOpenChange={setDrawerOpen} tab={drawerTab} onTab={setDrawerTab} changeCount={analysis.rows.length} busy={inFlight}>
            {job && (drawerTab === 'timeline' || inFlight || (needsAttention(job) && liveHealth?.health !== 'up')) && <JobProgressTicker job={job} onConfirm={() => void jobAction('confirmJob')} onRollback={() => void jobAction('rollbackJob')} />}
            {drawerTab === 'diff' ? (
              <DiffPreview
                analysis={analysis}
                lang={lang}
                revealSecrets={revealDiff}
                onRevealSecrets={setRevealDiff}
                block={block}
                confirmWindowSeconds={confirmWindow ?? settings.confirmWindowSeconds}
                onConfirmWindowSeconds={setConfirmWindow}
                onApply={() => void apply()}
              />
            ) : (
              <Timeline
                events={timeline}
                jobs={jobs.jobs}
                lang={lang}
                onExport={(format) =>
                  void api.exportTimeline({ format, VpnConnectionId: draft.VpnConnectionId }).then(
                    (file) => download(file.fileName, file.content),
                    (reason: unknown) => setNotices((list) => [...list, errorNotice(reason, 'Timeline.Export')]),
                  )
                }
              />
            )}
          </Drawer>
        )}
      </div>
      {quickOpen && (
        <QuickOpen
          entries={(quickOpen === 'compare' ? entries.filter((e) => e.VpnConnectionId !== selectedId) : entries).map((e) => withHealth(e, healthOverrides.get(e.VpnConnectionId)))}
          title={quickOpen === 'compare' ? t('quickOpen.compareTitle') : t('quickOpen.title')}
          onClose={() => setQuickOpen(null)}
          onPick={(entry) => {
            if (quickOpen === 'compare') {
              setCompareId(entry.VpnConnectionId);
              setMode('compare');
            } else openConnection(entry);
            setQuickOpen(null);
          }}
        />
      )}
    </div>
  );
}

/** Focuses the first element matching `selector` once it is on screen (the editor opens asynchronously). */
function focusWhenShown(selector: string, timeoutMs = 3000) {
  const until = performance.now() + timeoutMs;
  const attempt = () => {
    const element = document.querySelector<HTMLElement>(selector);
    if (element) element.focus();
    else if (performance.now() < until) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

function JobProgressTicker(props: Omit<Parameters<typeof JobProgress>[0], 'now'>) {
  const now = useNow(500);
  return <JobProgress {...props} now={now} />;
}
