// A draft handed from one person to another as a file (docs/draft-format.md): what exportDraft writes, and the
// schema importDraft reads it with. Files come from mail and USB sticks: `readDraftFile` checks a parsed file before
// anything in it is used, and answers either its parts or the Draft.* code and message to refuse it with. Unknown
// keys (`__proto__` included) are dropped.
import * as z from 'zod';
import type { DraftRecord } from './contract.ts';
import { boundedConnectionShape, TEXT_CAPS } from './model/shape.ts';
import { regionIdShape } from './model/region.ts';

export const DRAFT_FILE_FORMAT = 'ipsec-studio-draft';
export const DRAFT_FILE_VERSION = 1;

/** A draft file as exportDraft writes it. */
export interface DraftFile {
  format: typeof DRAFT_FILE_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  draft: Omit<DraftRecord, 'draftId' | 'profileId' | 'status' | 'conflicts'>;
  /** Secret fields left out of the file; `changed` = the draft had changed it (it must be entered again). */
  omittedSecrets: Array<{ path: string; changed: boolean }>;
}

const NOT_A_DRAFT_FILE = 'This is not an IPsec Studio draft file.';
const NO_SCHEMA_VERSION = 'The draft file has no valid schema version.';
const DAMAGED = 'The draft file is incomplete or damaged.';
const TOO_NEW = 'Draft.ImportTooNew';

/** Any value the importer compares with the connection's own id; a string no longer than an id. */
const withinIdCap = (value: unknown): boolean => typeof value !== 'string' || value.length <= TEXT_CAPS.id;

/** Checked in this order; the first problem found is the one reported. */
export const draftFileShape = z.object(
  {
    format: z.literal(DRAFT_FILE_FORMAT, { error: NOT_A_DRAFT_FILE }),
    schemaVersion: z
      .number({ error: NO_SCHEMA_VERSION })
      .refine((v) => Number.isInteger(v) && v >= 1, { error: NO_SCHEMA_VERSION })
      .refine((v) => v <= DRAFT_FILE_VERSION, {
        error: (issue) => `Draft file schema ${String(issue.input)} is newer than this app understands (${DRAFT_FILE_VERSION}).`,
        params: { code: TOO_NEW },
      }),
    // Every problem in here is reported as DAMAGED.
    draft: z.object({
      RegionId: regionIdShape,
      /** Optional; when present it must name the connection inside (the importer checks). */
      VpnConnectionId: z.unknown().refine(withinIdCap).optional(),
      VpnGatewayId: z.unknown().refine(withinIdCap).optional(),
      // Every string capped (docs/core.md, "Length caps"): a file cannot smuggle a 32 MiB Name into drafts.json.
      base: boundedConnectionShape,
      draft: boundedConnectionShape,
      /** Kept only when it is a time; otherwise the importer uses the time of the import. */
      baseFetchedAt: z
        .string()
        .max(40)
        .refine((v) => Number.isFinite(Date.parse(v)))
        .optional()
        .catch(undefined),
    }),
    // Which secrets were left out and whether the sender had changed them. A changed one is not filled in from the
    // receiver's live connection (that would undo the change silently); a file lying here can only make the user
    // enter a key, the safe direction. Unreadable lists count as none, as files from before it was read.
    omittedSecrets: z
      .array(z.object({ path: z.string().max(200), changed: z.boolean() }))
      .max(8)
      .optional()
      .catch(undefined),
  },
  { error: NOT_A_DRAFT_FILE },
);

export type DraftFileContent = z.output<typeof draftFileShape>;

export type DraftFileCheck =
  | { ok: true; file: DraftFileContent }
  | { ok: false; code: 'Draft.ImportMalformed' | 'Draft.ImportTooNew'; message: string };

export function readDraftFile(parsed: unknown): DraftFileCheck {
  const result = draftFileShape.safeParse(parsed);
  if (result.success) return { ok: true, file: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, code: 'Draft.ImportMalformed', message: DAMAGED };
  if (issue.code === 'custom' && issue.params?.code === TOO_NEW) return { ok: false, code: TOO_NEW, message: issue.message };
  return { ok: false, code: 'Draft.ImportMalformed', message: issue.path[0] === 'draft' ? DAMAGED : issue.message };
}
