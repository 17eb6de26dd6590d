/** The folder outside the clone that holds every n8n and Node the test installs. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheRoot(): string {
	return process.env.N8N_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-movilitas');
}
