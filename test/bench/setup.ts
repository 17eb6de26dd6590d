/** What every benchmark run needs: n8n, the packed package installed into it, the sandbox. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { onCleanup } from '../e2e/cleanup';
import { ensureN8n, type N8nInstall } from '../e2e/install-n8n';
import { findRepoRoot, packProject } from '../e2e/pack';
import { startSandbox } from '../sandbox/server';
import type { BenchContext } from './measure';
import { MeasuredN8n } from './n8n-process';
import { benchCredential } from './workflows';

/** Ports of this benchmark: 5720-5729 (the sandbox takes the first). */
export const PORT = Number(process.env.BENCH_PORT ?? 5720);
export const BATCH_SIZE = 1000;

export interface Setup extends BenchContext {
	install: N8nInstall;
	repoRoot: string;
}

export async function setUp(profileDir?: string): Promise<Setup> {
	const repoRoot = findRepoRoot();
	const install = await ensureN8n((line) => console.log(line));
	const packDir = mkdtempSync(join(tmpdir(), 'movilitas-bench-pack-'));
	onCleanup(() => rmSync(packDir, { recursive: true, force: true }));
	const tarball = await packProject(repoRoot, packDir);
	const sandbox = await startSandbox({ port: PORT });
	onCleanup(() => sandbox.stop());
	const n8n = MeasuredN8n.create(install, profileDir);
	onCleanup(() => n8n.dispose());
	await n8n.instance.installPackage(tarball);
	const credential = benchCredential(sandbox);
	await n8n.instance.importCredentials([credential]);
	return { install, repoRoot, sandbox, n8n, credential, batchSize: BATCH_SIZE };
}

/** Imports every planned workflow with one `n8n import:workflow` (each costs an n8n start-up). */
export async function importWorkflows(n8n: MeasuredN8n, workflows: object[]): Promise<void> {
	const file = join(n8n.instance.userFolder, 'bench-workflows.json');
	writeFileSync(file, JSON.stringify(workflows));
	const result = await n8n.instance.cli(['import:workflow', `--input=${file}`]);
	rmSync(file, { force: true });
	const expected = `Successfully imported ${workflows.length} workflow`;
	if (result.code !== 0 || !result.stdout.includes(expected)) {
		throw new Error(`import:workflow failed:\n${result.stdout}\n${result.stderr}`);
	}
}
