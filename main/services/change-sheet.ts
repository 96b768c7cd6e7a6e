// The printable change sheet of a set of drafts (core/bundle/change-sheet.ts builds the page; this reads the drafts and
// devices, and prints it). Printing is a seam: Electron's printToPDF in the app (main/electron/print-pdf.ts), headless
// Chromium in the tests; where neither exists the request is refused by name, not answered with an empty file.
import { changeSheetHtml } from '../../core/bundle/change-sheet.ts';
import { AppError } from '../../core/errors.ts';
import type { Lang } from '../../core/i18n/messages.ts';
import type { DraftsService } from './drafts.ts';
import type { PeersService } from './peers.ts';
import type { ProfilesService } from './profiles.ts';

/** HTML (self-contained, no script) → the bytes of a PDF. */
export type PrintPdf = (html: string) => Promise<Uint8Array>;

export interface ChangeSheetDeps {
  drafts: Pick<DraftsService, 'get'>;
  peers: Pick<PeersService, 'get'>;
  profiles: Pick<ProfilesService, 'get'>;
  confirmWindowSeconds(): number;
  now(): string;
  printPdf?: PrintPdf | undefined;
}

export function createChangeSheetService(deps: ChangeSheetDeps) {
  return {
    async exportChangeSheet(args: { draftIds: readonly string[]; includePsks?: boolean | undefined; note?: string | undefined; lang: Lang }): Promise<{ fileName: string; contentBase64: string }> {
      if (!deps.printPdf) throw new AppError('ChangeSheet.NoPrinter', 'This build cannot print to PDF.');
      const records = [...new Set(args.draftIds)].map((draftId) => deps.drafts.get(draftId));
      for (const r of records) {
        // A sheet is what the technician types: an undecided value (a conflict, a key still to enter) must not be on it.
        if (r.conflicts.length > 0 || r.status === 'conflict' || (r.needsSecrets?.length ?? 0) > 0) {
          const name = r.draft.Name || r.VpnConnectionId;
          throw new AppError('ChangeSheet.DraftUndecided', `The change sheet of ${name} would print undecided values: resolve its conflicts and enter any missing key first.`, 'draftIds', { name });
        }
      }
      const profileName = [...new Set(records.map((r) => deps.profiles.get(r.profileId).name))].join(', ');
      const html = changeSheetHtml({
        connections: records.map((r) => ({ RegionId: r.RegionId, VpnConnectionId: r.VpnConnectionId, base: r.base, baseFetchedAt: r.baseFetchedAt, draft: r.draft, peer: deps.peers.get(r.VpnConnectionId, r.profileId) })),
        profileName,
        note: args.note ?? '',
        createdAt: deps.now().slice(0, 16).replace('T', ' '),
        lang: args.lang,
        includePsks: args.includePsks === true,
        confirmWindowSeconds: deps.confirmWindowSeconds(),
      });
      const pdf = await deps.printPdf(html);
      const day = deps.now().slice(0, 10);
      return { fileName: `ipsec-studio-change-sheet-${records.length}-${day}.pdf`, contentBase64: Buffer.from(pdf).toString('base64') };
    },
  };
}
export type ChangeSheetService = ReturnType<typeof createChangeSheetService>;
