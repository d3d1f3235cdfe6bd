import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../core/index';
import { SETTINGS_FILE, type SettingsFile } from '../store/file-kinds';
import type { JsonStore } from '../store/json-store';
import { LAYOUT } from './workspace-layout';

/** Workspace preferences in settings.json; defaults until the analyst changes something. */
export class SettingsService {
  constructor(private readonly store: JsonStore) {}

  /** `settings:get`. */
  async get(): Promise<Settings> {
    const file = await this.store.read(LAYOUT.settingsFile, SETTINGS_FILE);
    return file?.settings ?? { ...DEFAULT_SETTINGS };
  }

  /** `settings:update`: merges the patch under the file's lock. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const file = await this.store.update<SettingsFile>(LAYOUT.settingsFile, SETTINGS_FILE, (current) => ({
      schemaVersion: 1,
      settings: { ...(current?.settings ?? DEFAULT_SETTINGS), ...definedOnly(patch) },
    }));
    return file?.settings ?? { ...DEFAULT_SETTINGS };
  }
}

/** Drops keys whose value is undefined, so `{ author: undefined }` does not erase a setting. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
