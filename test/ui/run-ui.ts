/**
 * `npm run test:ui`: the package seen in n8n's real editor. Starts n8n 2.8.4 with the packed
 * package, drives Debian's Chromium through the editor, fails when the node is not in the nodes
 * panel or a parameter (of the README's tables and of the built descriptions) is not on screen,
 * and saves screenshots into docs/. Prints PASS/FAIL per check and `N passed, M failed`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cleanUpOnSignals, onCleanup, runCleanups } from '../e2e/cleanup';
import { findRepoRoot, packProject } from '../e2e/pack';
import { ensureChromium, launchChromium } from './chromium';
import {
	compareNames,
	loadCredentialType,
	loadNodeDescription,
	namesShown,
	readmeTableNames,
	readReadme,
	views,
} from './expected';
import { startN8n } from './n8n-server';
import { check, counts, fail, setOnFailure } from './report';
import { runEditorChecks } from './scenario';

/** n8n's port; the task broker gets +1, the runner health check (off) +2, Chromium +3. */
const PORT = Number(process.env.N8N_UI_PORT ?? 5710);
const VERBOSE = process.env.N8N_UI_VERBOSE === '1';
const TOTAL_TIMEOUT_MS = Number(process.env.N8N_UI_TOTAL_TIMEOUT_MS ?? 15 * 60_000);
const README_TABLES = [
	['node', '## The Movilitas Decommission node'],
	['credential', '## Credentials'],
] as const;

const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
	const started = Date.now();
	const repoRoot = findRepoRoot();
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const node = loadNodeDescription(repoRoot, manifest.n8n.nodes[0]);
	const credential = loadCredentialType(repoRoot, manifest.n8n.credentials[0]);
	const nodeViews = views(node.properties, node);
	const credentialViews = views(credential.properties, null);
	const docs = process.env.N8N_UI_DOCS ?? join(repoRoot, 'docs');
	mkdirSync(docs, { recursive: true });

	// The README's tables against the built descriptions, both ways, before any browser.
	const readme = readReadme(repoRoot);
	for (const [what, heading] of README_TABLES) {
		const shown = namesShown(what === 'node' ? nodeViews : credentialViews);
		const compared = compareNames(readmeTableNames(readme, heading), shown);
		await check(`README table "${heading}" names only parameters the ${what} has`, async () =>
			compared.notInNode.map((n) => `README names "${n}", which the built ${what} does not have`),
		);
		await check(`README table "${heading}" names every parameter of the ${what}`, async () =>
			compared.notInReadme.map(
				(n) => `the ${what} has "${n}", which the README table does not name`,
			),
		);
	}

	const chromiumInstall = await ensureChromium(log);
	const work = mkdtempSync(join(tmpdir(), 'movilitas-ui-'));
	onCleanup(() => rmSync(work, { recursive: true, force: true }));
	const tarball = await packProject(repoRoot, work);
	const server = await startN8n({
		tarball,
		port: PORT,
		startTimeoutMs: 180_000,
		verbose: VERBOSE,
		log,
	});
	onCleanup(() => server.stop());
	log(
		`n8n at ${server.url}, pid ${server.pid}: "Editor is now accessible" after ${seconds(server.startMs)}`,
	);
	const browser = await launchChromium(PORT + 3);
	onCleanup(() => browser.close());
	log(`Chromium ${browser.pid === undefined ? '' : `pid ${browser.pid}`} with a fresh profile`);

	const page = await browser.context.newPage();
	let failures = 0;
	setOnFailure(async (name) => {
		const file = join(tmpdir(), `movilitas-ui-failure-${++failures}.png`);
		await page.screenshot({ path: file });
		log(`     (the page when "${name}" failed: ${file})`);
	});
	const editorStarted = Date.now();
	await runEditorChecks(page, server.url, { node, nodeViews, credential, credentialViews, docs });
	const editorMs = Date.now() - editorStarted;

	await runCleanups();
	log('');
	log(
		`chromium: ${chromiumInstall.installed ? `installed in ${seconds(chromiumInstall.durationMs)}` : 'already installed'}`,
	);
	log(
		`n8n start: ${seconds(server.startMs)}; editor checks: ${seconds(editorMs)}; total: ${seconds(Date.now() - started)}`,
	);
	log(`screenshots in ${docs}`);
}

cleanUpOnSignals();
const watchdog = setTimeout(() => {
	console.error(`test:ui took longer than ${TOTAL_TIMEOUT_MS} ms: stopping n8n and Chromium`);
	void runCleanups().finally(() => process.exit(1));
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

main()
	.catch(async (error: Error) => {
		fail(`test:ui could not run: ${error.message}`);
		await runCleanups();
	})
	.finally(() => {
		const { passed, failed } = counts();
		log(`${passed} passed, ${failed} failed`);
		process.exit(failed === 0 ? 0 : 1);
	});
