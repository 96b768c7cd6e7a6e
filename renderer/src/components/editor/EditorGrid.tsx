import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { getField, GROUP_LABELS, sectionLabel, type VpnConnection, type VpnType } from '../../../../core/index.ts';
import type { AppErrorShape } from '../../../../core/errors.ts';
import type { Analysis } from '../../state/analysis.ts';
import type { TunnelState } from '../../state/health.ts';
import { useLang } from '../../i18n/index.ts';
import { TunnelHealthBadge } from '../common/Health.tsx';
import { peerFieldText } from '../../../../core/peer/fields.ts';
import type { PrecheckReason } from '../../../../core/peer/precheck.ts';
import type { PeerProfile } from '../../../../core/peer/profile.ts';
import { FieldRow } from './FieldRow.tsx';
import { sectionsFor } from './layout.ts';

export interface EditorGridProps {
  live: VpnConnection;
  draft: VpnConnection;
  /** Each tunnel's place and state, from the live connection (present whether or not the draft is saved). */
  tunnels: readonly TunnelState[];
  vpnType: VpnType;
  analysis: Analysis;
  liveCaption: string;
  apiErrors: ReadonlyMap<string, AppErrorShape[]>;
  /** The Peer device column: the device's values and where the draft's pre-check against it fails. */
  peer?: PeerColumn | undefined;
}

export interface PeerColumn {
  profile: PeerProfile;
  reasonsByPath: ReadonlyMap<string, PrecheckReason[]>;
  caption: string;
  onEdit(path: string, text: string): void;
}

/** Live | Draft, aligned rows grouped by section and API group; changed rows highlighted in both columns. */
export const EditorGrid = memo(function EditorGrid({ live, draft, tunnels, vpnType, analysis, liveCaption, apiErrors, peer }: EditorGridProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const sections = sectionsFor(draft.mode, vpnType, (p) => [getField(live, p), getField(draft, p)]);
  return (
    <div className={`editor-grid${peer ? ' with-peer' : ''}`} id="editor-grid" role="group" aria-label={t('editor.draft')}>
      <div className="field-row header" aria-hidden="true">
        <span className="cell label">{t('editor.field')}</span>
        <span className="cell live">
          {t('editor.live')} <span className="muted">· {liveCaption}</span>
        </span>
        <span className="cell draft">{t('editor.draft')}</span>
        {peer && (
          <span className="cell peer">
            {t('peer.column')} <span className="muted">· {peer.caption}</span>
          </span>
        )}
      </div>
      {sections.map((s, i) => {
        const headingId = `sec-${s.key.replace(/[^\w]/g, '-')}`;
        const tunnel = s.section.startsWith('TunnelOptionsSpecification.') ? Number(s.section.slice(-1)) - 1 : -1;
        // The first group of each tunnel's section says where the tunnel is and how it is.
        const t0 = tunnel >= 0 && draft.mode === 'dual' && sections[i - 1]?.section !== s.section ? tunnels[tunnel] : undefined;
        return (
          <section key={s.key} className="field-section" aria-labelledby={headingId}>
            <h3 id={headingId} className="section-title">
              {s.section !== 'General' && <span className="section-tunnel">{sectionLabel(s.section, lang)} · </span>}
              {GROUP_LABELS[lang][s.group]}
              {t0 && (
                <span className="section-meta" data-testid={`tunnel-state-${t0.position}`}>
                  <span className="mono">
                    {t0.TunnelId}
                    {t0.InternetIp ? ` · ${t0.InternetIp}` : ''}
                  </span>
                  <TunnelHealthBadge tunnel={t0.health} />
                </span>
              )}
            </h3>
            {s.defs.map((def) => (
              <FieldRow
                key={def.path}
                def={def}
                liveValue={getField(live, def.path)}
                draftValue={getField(draft, def.path)}
                changed={analysis.changedPaths.has(def.path)}
                issues={analysis.issuesByPath.get(def.path)}
                warnings={analysis.warningsByPath.get(def.path)}
                apiErrors={apiErrors.get(def.path)}
                peerValue={peer ? peerFieldText(peer.profile, draft.mode, def.path) : undefined}
                peerReasons={peer?.reasonsByPath.get(def.path)}
                onPeerEdit={peer?.onEdit}
              />
            ))}
          </section>
        );
      })}
    </div>
  );
});
