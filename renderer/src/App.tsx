import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Api, JobSummary } from '../../core/contract.ts';
import { Notices } from './components/common/Notices.tsx';
import { QuickOpen } from './components/common/QuickOpen.tsx';
import { RetryBanner } from './components/common/RetryBanner.tsx';
import { DiffPreview } from './components/diff/DiffPreview.tsx';
import { Drawer } from './components/Drawer.tsx';
import { EditorView } from './components/editor/EditorView.tsx';
import { Rail } from './components/rail/Rail.tsx';
import { JobProgress } from './components/timeline/JobProgress.tsx';
import { Timeline } from './components/timeline/Timeline.tsx';
import { TopBar } from './components/TopBar.tsx';
import { download, DraftsView } from './components/views/DraftsView.tsx';
import { ProfilesView } from './components/views/ProfilesView.tsx';
import { SettingsView } from './components/views/SettingsView.tsx';
import { i18n } from './i18n/index.ts';
import { ApiContext, useApi } from './state/api-context.tsx';
import { applyBlock } from './state/apply-gate.ts';
import { useConnectivity } from './state/connectivity.ts';
import { useDrafts } from './state/drafts.ts';
import type { EditorSession } from './state/editor-session.ts';
import { withHealth } from './state/health.ts';
import { useInventory } from './state/inventory.ts';
import { needsAttention, useJobs, watchedJobs } from './state/jobs.ts';
import { useNotices } from './state/notices.ts';
import { useOpenConnection } from './state/open-connection.ts';
import { useProfiles } from './state/profiles.ts';
import { useResync } from './state/resync.ts';
import { useSettings } from './state/settings.ts';
import { focusChange } from './state/shortcuts.ts';
import { indexInventory } from './state/tree.ts';
import { useTreeView } from './state/tree-view.ts';
import { useNow } from './state/use-now.ts';
import { useGlobalShortcuts } from './state/use-shortcuts.ts';
import { useWorkspace } from './state/workspace.ts';

export function App({ api }: { api: Api }) {
  return (
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <Studio />
      </I18nextProvider>
    </ApiContext.Provider>
  );
}

function Studio() {
  const api = useApi();
  const { t } = useTranslation();
  const { settings, update: updateSettings } = useSettings(api);
  const profiles = useProfiles(api);
  const profileId = profiles.state.activeProfileId;
  const inventory = useInventory(api, profileId);
  const drafts = useDrafts(api, profileId);
  const connectivity = useConnectivity(api, inventory.snapshot?.source);
  const jobs = useJobs(api);
  const now = useNow(15_000);
  const { notices, report, dismiss } = useNotices(api);
  // The open draft, read by the handlers that save it before leaving it (so they stay the same function).
  const openDraft = useRef<EditorSession | null>(null);
  const workspace = useWorkspace(openDraft);
  const { view, setView, selection, quickOpen, openEntry, openConnection, closeEntry, openPreview, showTimeline, setDrawerTab, startQuickOpen } = workspace;

  const snapshot = inventory.snapshot;
  const index = useMemo(() => indexInventory(snapshot), [snapshot]);
  const entries = useMemo(() => snapshot?.connections ?? [], [snapshot]);
  const entryById = useMemo(() => new Map(entries.map((e) => [e.VpnConnectionId, e])), [entries]);
  const { filter, tree, healthOverrides, setRegionId } = useTreeView({
    index,
    listedAt: snapshot?.fetchedAt ?? null,
    jobs: jobs.jobs,
    drafts: drafts.drafts,
    selectedId: selection?.VpnConnectionId ?? null,
    onOpen: openConnection,
  });
  const open = useOpenConnection(api, { snapshot, index, entryById, drafts: drafts.drafts, jobs, selection, compareId: workspace.compareId, revealDiff: workspace.revealDiff });
  const { session, editor, job, inFlight, selectedId } = open;
  useLayoutEffect(() => {
    openDraft.current = session;
  });
  const block = applyBlock({ analysis: open.analysis, conflictCount: open.conflictCount, online: connectivity.online, inFlight });
  useResync(api, { online: connectivity.online, load: inventory.load, openDraft, drafts: drafts.drafts, job });

  const { switchTo } = profiles;
  const switchProfile = useCallback(
    async (id: string) => {
      const draft = openDraft.current;
      if (draft?.dirty) await draft.save();
      closeEntry();
      setRegionId('');
      await switchTo(id);
    },
    [switchTo, closeEntry, setRegionId],
  );
  const onSwitchProfile = useCallback((id: string) => void switchProfile(id), [switchProfile]);
  // Countdowns of every change being watched, shown in the top bar from any view; a chip opens its timeline.
  const watched = useMemo(() => watchedJobs(jobs.jobs).map((j) => ({ job: j, name: entryById.get(j.VpnConnectionId)?.Name || j.VpnConnectionId })), [jobs.jobs, entryById]);
  const openJob = useCallback(
    async (j: JobSummary) => {
      if (j.profileId !== profileId) await switchProfile(j.profileId);
      await openEntry({ RegionId: j.RegionId, VpnConnectionId: j.VpnConnectionId });
      showTimeline();
    },
    [openEntry, profileId, switchProfile, showTimeline],
  );
  const onOpenJob = useCallback((j: JobSummary) => void openJob(j), [openJob]);

  const confirmWindowSeconds = workspace.confirmWindow ?? settings.confirmWindowSeconds;
  const apply = useCallback(async () => {
    const record = await session.save();
    if (!record) return;
    try {
      const started = await api.applyDraft({ draftId: record.draftId, confirmWindowSeconds });
      jobs.upsertJob(started);
      setDrawerTab('timeline');
    } catch (reason) {
      report(reason, 'Apply');
    }
  }, [api, session, confirmWindowSeconds, jobs, setDrawerTab, report]);

  const jobAction = useCallback(
    async (action: 'confirmJob' | 'rollbackJob') => {
      if (!job) return;
      try {
        jobs.upsertJob(await api[action]({ jobId: job.jobId }));
      } catch (reason) {
        report(reason, action);
      }
    },
    [api, job, jobs, report],
  );

  useGlobalShortcuts({
    save: () => {
      if (session.dirty && !inFlight) void session.save();
    },
    apply: () => {
      if (open.draft) openPreview();
    },
    quickOpen: startQuickOpen,
    nextChange: () => focusChange(1),
    prevChange: () => focusChange(-1),
    toggleTunnels: () => {
      if (open.draft?.mode === 'dual') workspace.toggleTunnels();
    },
    focusTree: () => document.querySelector<HTMLElement>('[role="tree"]')?.focus(),
  });

  const loadFailure = open.loadError ?? (open.missing ? t('editor.notInInventory') : null);
  const activeProfile = profiles.state.profiles.find((p) => p.profileId === profileId);

  return (
    <div className="app-shell">
      <TopBar view={view} onView={setView} profile={activeProfile} connectivity={connectivity} draftCount={drafts.drafts.length} onQuickOpen={startQuickOpen} watched={watched} onOpenJob={onOpenJob} />
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
      <Notices notices={notices} onDismiss={dismiss} />
      <div className="workspace">
        <Rail profiles={profiles.state} onSwitchProfile={onSwitchProfile} inventory={inventory} filter={filter} tree={tree} onQuickOpen={startQuickOpen} now={now} />
        <main className="main" id="main">
          {view === 'editor' && selection && loadFailure && <RetryBanner tone="error" text={t('editor.loadFailed', { message: loadFailure })} onRetry={open.retry} />}
          {view === 'editor' && selection && open.notLive && !session.record && (
            <RetryBanner tone="warn" testId="not-live" text={t('editor.notLive', { code: open.notLive.code, message: open.notLive.message })} onRetry={open.retryLive} />
          )}
          {view === 'editor' &&
            (editor ? (
              <EditorView editor={editor} workspace={workspace} compareWith={open.compareWith} now={now} />
            ) : (
              <div className="empty-state">
                {session.loading || (selection && !open.analysis) ? <p role="status">{t('app.loading')}</p> : <p>{t('editor.empty', { shortcut: 'Ctrl+P' })}</p>}
                {session.error && (
                  <p role="alert" className="banner error">
                    {t('editor.openFailed', { message: session.error })}
                  </p>
                )}
              </div>
            ))}
          {view === 'drafts' && <DraftsView drafts={drafts.drafts} now={now} confirmWindowSeconds={settings.confirmWindowSeconds} online={connectivity.online} onOpen={openConnection} />}
          {view === 'profiles' && <ProfilesView state={profiles.state} onSwitch={onSwitchProfile} onChanged={profiles.setState} />}
          {view === 'settings' && <SettingsView settings={settings} onUpdate={(patch) => void updateSettings(patch)} />}
        </main>
        {view === 'editor' && editor && (
          <Drawer open={workspace.drawerOpen} onOpenChange={workspace.setDrawerOpen} tab={workspace.drawerTab} onTab={setDrawerTab} changeCount={editor.analysis.rows.length} busy={inFlight}>
            {job && (workspace.drawerTab === 'timeline' || inFlight || (needsAttention(job) && open.health?.health !== 'up')) && (
              <JobProgressTicker job={job} onConfirm={() => void jobAction('confirmJob')} onRollback={() => void jobAction('rollbackJob')} />
            )}
            {workspace.drawerTab === 'diff' ? (
              <DiffPreview
                analysis={editor.analysis}
                revealSecrets={workspace.revealDiff}
                onRevealSecrets={workspace.setRevealDiff}
                block={block}
                confirmWindowSeconds={confirmWindowSeconds}
                onConfirmWindowSeconds={workspace.setConfirmWindow}
                onApply={() => void apply()}
              />
            ) : (
              <Timeline
                events={open.timeline}
                jobs={jobs.jobs}
                onExport={(format) =>
                  void api.exportTimeline({ format, VpnConnectionId: editor.draft.VpnConnectionId }).then(
                    (file) => download(file.fileName, file.content),
                    (reason: unknown) => report(reason, 'Timeline.Export'),
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
          onClose={workspace.closeQuickOpen}
          onPick={workspace.pickQuickOpen}
        />
      )}
    </div>
  );
}

function JobProgressTicker(props: Omit<Parameters<typeof JobProgress>[0], 'now'>) {
  const now = useNow(500);
  return <JobProgress {...props} now={now} />;
}
