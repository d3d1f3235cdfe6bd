import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveWorkspaceDir } from './workspace-location';

const homedir = '/home/ana';

describe('resolveWorkspaceDir', () => {
  it('prefers --workspace, then $BRIEFING_DESK_WORKSPACE', () => {
    const env = { BRIEFING_DESK_WORKSPACE: '/data/env-ws', XDG_DATA_HOME: '/xdg' };
    expect(resolveWorkspaceDir({ flag: '/data/flag-ws', env, homedir })).toBe('/data/flag-ws');
    expect(resolveWorkspaceDir({ env, homedir })).toBe('/data/env-ws');
  });

  it('falls back to $XDG_DATA_HOME, then ~/.local/share', () => {
    expect(resolveWorkspaceDir({ env: { XDG_DATA_HOME: '/xdg' }, homedir })).toBe('/xdg/briefing-desk/workspace');
    expect(resolveWorkspaceDir({ env: {}, homedir })).toBe('/home/ana/.local/share/briefing-desk/workspace');
    // The XDG spec says to ignore a relative XDG_DATA_HOME.
    expect(resolveWorkspaceDir({ env: { XDG_DATA_HOME: 'rel' }, homedir })).toBe('/home/ana/.local/share/briefing-desk/workspace');
  });

  it('ignores empty values, expands ~ and resolves relative paths', () => {
    expect(resolveWorkspaceDir({ flag: ' ', env: { BRIEFING_DESK_WORKSPACE: '' }, homedir })).toBe('/home/ana/.local/share/briefing-desk/workspace');
    expect(resolveWorkspaceDir({ flag: '~/notes', env: {}, homedir })).toBe(join(homedir, 'notes'));
    expect(resolveWorkspaceDir({ flag: 'rel/ws', env: {}, homedir })).toBe(resolve('rel/ws'));
  });
});
