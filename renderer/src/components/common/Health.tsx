// A tunnel's or connection's health: a coloured dot and the state in words (colour is never the only signal).
import { useTranslation } from 'react-i18next';
import type { TunnelHealth } from '../../../../core/index.ts';
import { tunnelOverall } from '../../../../core/index.ts';
import { connectionWords, healthTone, stateWords, type ShownHealth, type Tone } from '../../state/health.ts';

/** One tunnel: "● Down — IKE SA not established" (title: the status as the API reported it). */
export function TunnelHealthBadge({ tunnel, testId }: { tunnel: TunnelHealth | undefined; testId?: string }) {
  const { t } = useTranslation();
  const tone = healthTone(tunnel ? tunnelOverall(tunnel) : 'unknown');
  return (
    <span className={`health ${tone}`} data-health={tunnel ? tunnelOverall(tunnel) : 'unknown'} data-testid={testId} title={tunnel?.Status ? t('rail.negotiation', { status: tunnel.Status }) : undefined}>
      <span className={`dot ${tone}`} aria-hidden="true" />
      {stateWords(t, tunnel)}
    </span>
  );
}

/** A whole connection: what is not up, by tunnel. `tone` overrides the colour (a gateway that is updating). */
export function ConnectionHealthBadge({ health, tone, testId, pill }: { health: ShownHealth | null; tone?: Tone; testId?: string; pill?: boolean }) {
  const { t } = useTranslation();
  const shownTone = tone ?? healthTone(health?.health ?? 'unknown');
  const raw = health?.tunnels.map((x) => x.Status).filter((s) => s !== '');
  return (
    <span
      className={`${pill ? 'status-pill ' : ''}health ${shownTone}`}
      data-health={health?.health ?? 'unknown'}
      data-testid={testId}
      title={raw && raw.length > 0 ? t('rail.negotiation', { status: raw.join(' / ') }) : undefined}
    >
      <span className={`dot ${shownTone}`} aria-hidden="true" />
      {connectionWords(t, health)}
    </span>
  );
}
