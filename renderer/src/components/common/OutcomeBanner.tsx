import type { AppErrorShape } from '../../../../core/errors.ts';
import { useErrorText } from '../../i18n/error-text.ts';

/** What the last action on a page did: a sentence of our own, or an error worded from its code when shown. */
export type Outcome = { tone: 'ok'; text: string } | { tone: 'error'; error: AppErrorShape };

export function OutcomeBanner({ outcome }: { outcome: Outcome | null }) {
  const errorText = useErrorText();
  if (!outcome) return null;
  if (outcome.tone === 'ok') {
    return (
      <p role="status" className="banner ok">
        {outcome.text}
      </p>
    );
  }
  // The code stays available for support (title, data-code), not in the sentence.
  return (
    <p role="alert" className="banner error" data-code={outcome.error.code} title={outcome.error.code}>
      {errorText(outcome.error)}
    </p>
  );
}
