import type { AppClient } from '../api/client';
import type { Result } from '../../core/index';

/**
 * What the sidebar needs from the app's client: contract calls, opening links outside the app,
 * and staging a file for `import:start` (the transport's upload: POST /api/upload in the browser
 * edition, the bridge in Electron). Tests pass fakes.
 */
export interface ResearchClient extends Pick<AppClient, 'call' | 'openExternal'> {
  upload(file: File): Promise<Result<{ uploadId: string }>>;
}
