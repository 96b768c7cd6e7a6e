import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Api, ConnectionSummary, DraftSummary, JobSummary } from '../../core/contract.ts';
import { DiffPreview } from './components/diff/DiffPreview.tsx';
import { Drawer } from './components/Drawer.tsx';
import { EditorView } from './components/editor/EditorView.tsx';
import { Notices, OfflineBanner } from './components/common/Notices.tsx';
import { QuickOpen } from './components/common/QuickOpen.tsx';
import { RetryBanner } from './components/common/RetryBanner.tsx';
import { Rail } from './components/rail/Rail.tsx';
import { TickingJobProgress } from './components/timeline/JobProgress.tsx';
import { Timeline } from './components/timeline/Timeline.tsx';
import { TopBar } from './components/TopBar.tsx';
import { download, DraftsView } from './components/views/DraftsView.tsx';
import { ProfilesView } from './components/views/ProfilesView.tsx';
import { SettingsView } from './components/views/SettingsView.tsx';
import { useErrorText } from './i18n/error-text.ts';
import { i18n } from './i18n/index.ts';
import { ApiContext } from './state/api-context.tsx';
import { ackKeyOf, applyBlock } from './state/apply-gate.ts';
import { useConnectivity } from './state/connectivity.ts';
import { lastOutcomes, openDrafts, useDrafts } from './state/drafts.ts';
import { withHealth } from './state/health.ts';
import { useInventory } from './state/inventory.ts';
import { useInventorySync } from './state/inventory-sync.ts';
import { needsAttention, useJobs, watchedJobs } from './state/jobs.ts';
import { useNotices } from './state/notices.ts';
import { useOpenConnection } from './state/open-connection.ts';
import { usePeerDevice } from './state/peer.ts';
import { useProfiles } from './state/profiles.ts';
import { useSettings } from './state/settings.ts';
import { focusChange, focusWhenShown } from './state/shortcuts.ts';
import { useTreeView } from './state/tree-view.ts';
import { useGlobalShortcuts } from './state/use-shortcuts.ts';
import { useNow } from './state/use-now.ts';
import { useWorkspace } from './state/workspace.ts';

export function App({ api }: { api: Api }) {
  return (
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <Studio api={api} />
      </I18nextProvider>
    </ApiContext.Provider>
  );
}

function Studio({ api }: { api: Api }) {
  const { t } = useTranslation();
  const { settings, update: updateSettings } = useSettings(api);
  const profiles = useProfiles(api);
  const profileId = profiles.state.activeProfileId;
  const inventory = useInventory(api, profileId);
  const drafts = useDrafts(api, profileId);
  const connectivity = useConnectivity(api, inventory.snapshot?.source);
  const jobs = useJobs(api);
  const notices = useNotices(api);
  const errorText = useErrorText();
  const now = useNow(15_000);
  const snapshot = inventory.snapshot;
  const tree = useTreeView(snapshot, jobs.jobs);

  // Leaving a connection saves its draft first. Handlers read the session through a ref: they stay the same function
  // while the user types, so the rail (and its virtualized tree) does not re-render on every keystroke in the editor.
  const leave = useRef<() => Promise<unknown>>(() => Promise.resolve());
  const beforeLeave = useCallback(() => leave.current(), []);
  const ws = useWorkspace(beforeLeave);
  const open = useOpenConnection(api, { snapshot, tree, drafts: drafts.drafts, jobs: jobs.jobs, selection: ws.selection, compareId: ws.compareId, revealDiff: ws.revealDiff });
  const { session, draft, base, analysis, job, inFlight } = open;
  useLayoutEffect(() => {
    leave.current = () => (session.dirty ? session.save() : Promise.resolve());
  });
  const selectedId = ws.selection?.VpnConnectionId ?? null;
  const draftCount = useMemo(() => openDrafts(drafts.drafts, lastOutcomes(jobs.jobs)).length, [drafts.drafts, jobs.jobs]);
  const draftIds = useMemo(() => new Set(drafts.drafts.filter((d) => d.status !== 'applied').map((d) => d.VpnConnectionId)), [drafts.drafts]);
  const confirmWindowSeconds = ws.confirmWindow ?? settings.confirmWindowSeconds;
  const peer = usePeerDevice(api, { VpnConnectionId: selectedId, live: base, draft, liveRead: open.live.connection, gateway: open.gateway, customerGateways: snapshot?.customerGateways });
  // An acknowledgement is for the prediction the user read: any edit of the draft or of the device asks again. Keyed
  // by the values of the editable fields (as text) and the device, not by identity or key order: an autosave hands
  // back an equal draft as a new object, its keys and number types as main's store has them.
  const peerAckKey = useMemo(() => ackKeyOf(draft, peer.profile), [draft, peer.profile]);
  const [peerAck, setPeerAck] = useState<{ key: string; acknowledged: boolean }>({ key: '', acknowledged: false });
  const peerAcknowledged = peerAck.key === peerAckKey && peerAck.acknowledged;
  // Only a change that breaks what negotiates today asks; when the live connection does not negotiate with the device
  // either, the preview says the device profile itself disagrees (main decides the same way).
  const peerBreaks = peer.draftCheck !== null && peer.draftCheck.verdict !== 'negotiates' && peer.liveCheck?.verdict === 'negotiates';
  const block = applyBlock({
    analysed: analysis !== null,
    conflicts: session.record?.conflicts.length ?? 0,
    ruleErrors: analysis?.issues.length ?? 0,
    online: connectivity.online,
    inFlight,
    changes: analysis?.rows.length ?? 0,
    hasRequest: Boolean(analysis?.request),
    peerBreaks,
    peerAcknowledged,
  });

  const { fetchTimeline } = jobs;
  useEffect(() => {
    if (selectedId) void fetchTimeline(selectedId);
  }, [selectedId, fetchTimeline]);
  const timeline = useMemo(() => jobs.events.filter((e) => e.VpnConnectionId === selectedId), [jobs.events, selectedId]);
  const { load: loadInventory } = inventory;
  useInventorySync({ online: connectivity.online, loadInventory, session, job });

  const { open: openEntry, close: closeEntry } = ws;
  const openConnection = useCallback((e: ConnectionSummary) => void openEntry(e), [openEntry]);
  const openDraftSummary = useCallback((d: DraftSummary) => void openEntry(d), [openEntry]);
  const { switchTo } = profiles;
  const { setRegionId } = tree;
  const switchProfile = useCallback(
    async (id: string) => {
      await closeEntry();
      setRegionId('');
      await switchTo(id);
    },
    [closeEntry, setRegionId, switchTo],
  );
  const onSwitchProfile = useCallback((id: string) => void switchProfile(id), [switchProfile]);
  // Countdowns of every change being watched, shown in the top bar from any view; a chip opens its timeline.
  const watched = useMemo(() => watchedJobs(jobs.jobs).map((j) => ({ job: j, name: tree.entryById.get(j.VpnConnectionId)?.Name || j.VpnConnectionId })), [jobs.jobs, tree.entryById]);
  const { openTimeline } = ws;
  const openJob = useCallback(
    async (j: JobSummary) => {
      if (j.profileId !== profileId) await switchProfile(j.profileId);
      await openEntry(j);
      openTimeline();
      // Coming from a countdown, the keyboard lands on the job's first action (Roll back when a tunnel is down).
      focusWhenShown(`[data-testid="job-progress"][data-job="${j.jobId}"] .btn.primary`);
    },
    [openEntry, openTimeline, profileId, switchProfile],
  );
  const onOpenJob = useCallback((j: JobSummary) => void openJob(j), [openJob]);
  const onRefresh = useCallback(() => void loadInventory(true), [loadInventory]);
  const onCancelInventory = useCallback(() => void api.cancelInventory().catch(() => undefined), [api]);
  const { setQuickOpen } = ws;
  const onQuickOpen = useCallback(() => setQuickOpen('open'), [setQuickOpen]);

  const apply = async () => {
    const record = await session.save();
    if (!record) return;
    try {
      jobs.upsertJob(await api.applyDraft({ draftId: record.draftId, confirmWindowSeconds, ...(peerBreaks && { acknowledgePeerBreak: peerAcknowledged }) }));
      ws.setDrawerTab('timeline');
    } catch (reason) {
      notices.report(reason);
    }
  };
  const jobAction = async (action: 'confirmJob' | 'rollbackJob') => {
    if (!job) return;
    try {
      jobs.upsertJob(await api[action]({ jobId: job.jobId }));
    } catch (reason) {
      notices.report(reason);
    }
  };

  useGlobalShortcuts({
    save: () => {
      if (session.dirty && !inFlight) void session.save();
    },
    apply: () => {
      if (draft) ws.openPreview();
    },
    quickOpen: onQuickOpen,
    nextChange: () => focusChange(1),
    prevChange: () => focusChange(-1),
    toggleTunnels: () => {
      if (draft?.mode === 'dual') ws.toggleTunnels();
    },
    focusTree: () => document.querySelector<HTMLElement>('[role="tree"]')?.focus(),
  });

  const editing = ws.view === 'editor';
  return (
    <div className="app-shell">
      <TopBar view={ws.view} onView={ws.setView} profile={profiles.state.profiles.find((p) => p.profileId === profileId)} connectivity={connectivity} draftCount={draftCount} onQuickOpen={onQuickOpen} watched={watched} onOpenJob={onOpenJob} />
      <OfflineBanner connectivity={connectivity} />
      <Notices notices={notices.notices} onDismiss={notices.dismiss} />
      <div className="workspace">
        <Rail
          profiles={profiles.state}
          onSwitchProfile={onSwitchProfile}
          snapshot={snapshot}
          progress={inventory.progress}
          loading={inventory.loading}
          error={inventory.error}
          regionId={tree.regionId}
          onRegion={tree.setRegionId}
          filter={tree.filter}
          appliedFilter={tree.appliedFilter}
          onFilter={tree.setFilter}
          sort={tree.sort}
          onSort={tree.setSort}
          onRefresh={onRefresh}
          onCancel={onCancelInventory}
          rows={tree.rows}
          selectedId={selectedId}
          draftIds={draftIds}
          onOpen={openConnection}
          onToggle={tree.onToggle}
          onQuickOpen={onQuickOpen}
          now={now}
        />
        <main className="main" id="main">
          {editing && ws.selection && (open.loadFailure || open.missing) && (
            <RetryBanner
              tone="error"
              text={t('editor.loadFailed', { message: open.loadFailure ? errorText(open.loadFailure) : t('editor.notInInventory') })}
              onRetry={() => {
                open.live.retry();
                open.gatewayConnections.retry();
              }}
            />
          )}
          {editing && ws.selection && open.live.notLive && !session.record && (
            <RetryBanner tone="warn" testId="not-live" text={t('editor.notLive', { message: errorText(open.live.notLive) })} onRetry={open.live.retry} />
          )}
          {editing &&
            (draft && base && analysis ? (
              <EditorView
                session={session}
                live={base}
                draft={draft}
                analysis={analysis}
                gateway={open.gateway}
                customerGateways={snapshot?.customerGateways}
                now={now}
                mode={ws.mode === 'compare' && !open.compareWith ? 'columns' : ws.mode}
                compareWith={open.compareWith}
                revealed={ws.revealed}
                apiErrors={open.apiErrors}
                liveConnection={open.live.connection}
                health={open.health}
                busy={inFlight}
                peer={peer}
                onToggleReveal={ws.toggleReveal}
                onChange={session.edit}
                onPreview={ws.openPreview}
                onToggleTunnels={ws.toggleTunnels}
                onCompare={() => ws.setQuickOpen('compare')}
                onCloseCompare={ws.closeCompare}
              />
            ) : (
              <div className="empty-state">
                {session.loading || (ws.selection && !analysis) ? <p role="status">{t('app.loading')}</p> : <p>{t('editor.empty', { shortcut: 'Ctrl+P' })}</p>}
                {session.error && (
                  <p role="alert" className="banner error">
                    {t('editor.openFailed', { message: errorText(session.error) })}
                  </p>
                )}
              </div>
            ))}
          {ws.view === 'drafts' && <DraftsView drafts={drafts.drafts} jobs={jobs.jobs} now={now} confirmWindowSeconds={settings.confirmWindowSeconds} online={connectivity.online} onOpen={openDraftSummary} profiles={profiles.state.profiles} activeProfileId={profileId} />}
          {ws.view === 'profiles' && <ProfilesView state={profiles.state} onSwitch={onSwitchProfile} onChanged={profiles.setState} />}
          {ws.view === 'settings' && <SettingsView settings={settings} onUpdate={(patch) => void updateSettings(patch)} />}
        </main>
        {editing && draft && analysis && (
          <Drawer open={ws.drawerOpen} onOpenChange={ws.setDrawerOpen} tab={ws.drawerTab} onTab={ws.setDrawerTab} changeCount={analysis.rows.length} busy={inFlight}>
            {job && (ws.drawerTab === 'timeline' || inFlight || (needsAttention(job) && open.health?.health !== 'up')) && (
              <TickingJobProgress job={job} onConfirm={() => void jobAction('confirmJob')} onRollback={() => void jobAction('rollbackJob')} />
            )}
            {ws.drawerTab === 'diff' ? (
              <DiffPreview
                analysis={analysis}
                revealSecrets={ws.revealDiff}
                onRevealSecrets={ws.setRevealDiff}
                block={block}
                confirmWindowSeconds={confirmWindowSeconds}
                onConfirmWindowSeconds={ws.setConfirmWindow}
                peerCheck={peer.draftCheck}
                peerLiveFails={peer.liveCheck !== null && peer.liveCheck.verdict !== 'negotiates'}
                peerKnown={peer.profile !== null}
                deviceLimits={peer.deviceLimits}
                peerAcknowledged={peerAcknowledged}
                onPeerAcknowledged={(acknowledged) => setPeerAck({ key: peerAckKey, acknowledged })}
                onApply={() => void apply()}
              />
            ) : (
              <Timeline
                events={timeline}
                jobs={jobs.jobs}
                onExport={(format) =>
                  void api.exportTimeline({ format, VpnConnectionId: draft.VpnConnectionId }).then(
                    (file) => download(file.fileName, file.content),
                    (reason: unknown) => notices.report(reason),
                  )
                }
              />
            )}
          </Drawer>
        )}
      </div>
      {ws.quickOpen && (
        <QuickOpen
          entries={(ws.quickOpen === 'compare' ? tree.entries.filter((e) => e.VpnConnectionId !== selectedId) : tree.entries).map((e) => withHealth(e, tree.healthOverrides.get(e.VpnConnectionId)))}
          title={ws.quickOpen === 'compare' ? t('quickOpen.compareTitle') : t('quickOpen.title')}
          onClose={() => ws.setQuickOpen(null)}
          onPick={(entry) => {
            if (ws.quickOpen === 'compare') ws.compareWith(entry.VpnConnectionId);
            else openConnection(entry);
            ws.setQuickOpen(null);
          }}
        />
      )}
    </div>
  );
}
