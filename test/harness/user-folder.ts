import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core creates ~/.n8n (instance settings) on first use unless N8N_USER_FOLDER is set. Jest's
// setup file sets it; this covers scripts using the harness outside jest. Import it first.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'movilitas-harness-n8n-'));
// Without a key n8n-core generates one and says so on the console; the harness stores no
// encrypted data, so a fixed key only keeps the demo's output clean.
process.env.N8N_ENCRYPTION_KEY ??= 'movilitas-harness-key-not-a-secret';
