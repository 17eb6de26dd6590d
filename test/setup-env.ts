import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its instance config to ~/.n8n unless N8N_USER_FOLDER points elsewhere:
// keep every test run out of the developer's home folder.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'movilitas-test-n8n-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
