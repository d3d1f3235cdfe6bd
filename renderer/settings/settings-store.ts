import type { ApiError, Settings, SettingsPatch } from '../../core/index';
import { DEFAULT_SETTINGS } from '../../core/index';
import type { AppClient } from '../api/client';
import type { ActionResult } from '../notes/notes-store';
import { createStore, type Store } from '../app/store';

/** Workspace settings and facts about the workspace. */
export interface SettingsState {
  settings: Settings;
  loaded: boolean;
  error: ApiError | null;
  workspacePath: string | null;
  appVersion: string | null;
}

/** Settings store (author, default marking, locale). */
export interface SettingsStore extends Pick<Store<SettingsState>, 'getState' | 'subscribe'> {
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<ActionResult<Settings>>;
}

/** Creates the settings store. */
export function createSettingsStore(client: Pick<AppClient, 'call'>): SettingsStore {
  const store = createStore<SettingsState>({ settings: DEFAULT_SETTINGS, loaded: false, error: null, workspacePath: null, appVersion: null });
  return {
    getState: store.getState,
    subscribe: store.subscribe,
    async load() {
      const [settings, info] = await Promise.all([client.call('settings:get', {}), client.call('workspace:info', {})]);
      store.setState({
        loaded: true,
        error: settings.ok ? null : settings.error,
        ...(settings.ok ? { settings: settings.value } : {}),
        ...(info.ok ? { workspacePath: info.value.path, appVersion: info.value.appVersion } : {}),
      });
    },
    async update(patch) {
      const result = await client.call('settings:update', patch);
      if (result.ok) store.setState({ settings: result.value, error: null });
      return result;
    },
  };
}
