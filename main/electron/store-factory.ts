// electron-store is conf plus Electron paths; it imports electron at load, so only this folder may touch it.
// clearInvalidConfig stays false: an unreadable file is moved aside by main/services/store.ts, never wiped.
import ElectronStore from 'electron-store';
import type { ConfFactory, ConfLike } from '../services/store.ts';

export const electronStoreFactory: ConfFactory = ({ name, cwd }) =>
  new ElectronStore<Record<string, unknown>>({ name, cwd, clearInvalidConfig: false, accessPropertiesByDotNotation: false }) as unknown as ConfLike;
