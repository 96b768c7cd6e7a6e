// The contract's push events: what main tells the renderer without being asked.
import type { ProfilesState } from './profiles.ts';
import type { InventoryProgress } from './inventory.ts';
import type { DraftSummary } from './drafts.ts';
import type { JobSummary, TimelineEvent } from './apply.ts';
import { shape } from './schema.ts';

export const events = {
  /** Sent by main whenever it learns something the whole UI should show (keychain lost, store set aside, …). */
  appNotice: shape<{ level: 'info' | 'warning' | 'error'; code: string; message: string; params?: Record<string, string | number> }>(),
  /** Reachability of the active profile's API endpoint, as last observed by main. */
  connectivity: shape<{ online: boolean; checkedAt: string; reason?: string }>(),
  inventoryProgress: shape<InventoryProgress>(),
  jobUpdated: shape<JobSummary>(),
  timelineEvent: shape<TimelineEvent>(),
  draftsChanged: shape<{ drafts: DraftSummary[] }>(),
  profilesChanged: shape<ProfilesState>(),
} as const;
