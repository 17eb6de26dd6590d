/**
 * A real n8n, installed once into a cache folder outside the clone and reused by every run.
 *
 * n8n 2.8.4 is the newest n8n whose engines accept Node 20. Its xlsx dependency points at a
 * tarball outside the npm registry, so the install overrides it with the registry mirror
 * @e965/xlsx. Install scripts stay on: sqlite3 has no prebuilt binary reachable here and is
 * compiled by node-gyp. A marker file is written only after the install was checked, so an
 * interrupted install is redone, not reused.
 *
 * Run on its own to warm the cache: node .tools/test/e2e/install-n8n.js
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { runCommand, tail } from './proc';

export const N8N_VERSION = '2.8.4';
const OVERRIDES = { xlsx: 'npm:@e965/xlsx@0.20.2' };
const MARKER = '.e2e-install-complete.json';
const INSTALL_TIMEOUT_MS = Number(process.env.N8N_E2E_INSTALL_TIMEOUT_MS ?? 30 * 60_000);

export interface N8nInstall {
	/** Folder holding package.json and node_modules. */
	root: string;
	/** The n8n CLI entry script, run with this Node. */
	bin: string;
	version: string;
	/** True when this call installed it, false when the cache was reused. */
	installed: boolean;
	durationMs: number;
}

interface Marker {
	n8nVersion: string;
	overrides: Record<string, string>;
	/** ABI of the Node that compiled the native modules (sqlite3). */
	nodeModulesAbi: string;
	installedAt: string;
}

export function cacheRoot(): string {
	return process.env.N8N_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-movilitas');
}

function expectedMarker(): Omit<Marker, 'installedAt'> {
	return {
		n8nVersion: N8N_VERSION,
		overrides: OVERRIDES,
		nodeModulesAbi: process.versions.modules,
	};
}

function markerMatches(root: string): boolean {
	try {
		const marker = JSON.parse(readFileSync(join(root, MARKER), 'utf8')) as Marker;
		const expected = expectedMarker();
		return (
			marker.n8nVersion === expected.n8nVersion &&
			JSON.stringify(marker.overrides) === JSON.stringify(expected.overrides) &&
			marker.nodeModulesAbi === expected.nodeModulesAbi &&
			existsSync(join(root, 'node_modules', 'n8n', 'bin', 'n8n'))
		);
	} catch {
		return false;
	}
}

/** Child env for npm: the user's ignore-scripts or a proxy must not change the result. */
function npmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^npm_config_ignore_scripts$/i.test(key)) delete env[key];
	}
	return env;
}

export async function ensureN8n(log: (line: string) => void = () => {}): Promise<N8nInstall> {
	const root = join(cacheRoot(), `n8n-${N8N_VERSION}`);
	const bin = join(root, 'node_modules', 'n8n', 'bin', 'n8n');
	const started = Date.now();
	if (markerMatches(root)) {
		return { root, bin, version: N8N_VERSION, installed: false, durationMs: 0 };
	}

	log(`Installing n8n ${N8N_VERSION} into ${root} (a few minutes, once)...`);
	rmSync(root, { recursive: true, force: true });
	mkdirSync(root, { recursive: true });
	writeFileSync(
		join(root, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-movilitas-e2e-runtime',
				private: true,
				description: 'n8n for the end-to-end test of n8n-nodes-movilitas (generated)',
				dependencies: { n8n: N8N_VERSION },
				overrides: OVERRIDES,
			},
			null,
			2,
		),
	);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = await runCommand(
		npm,
		['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=error'],
		{ cwd: root, env: npmEnv(), timeoutMs: INSTALL_TIMEOUT_MS },
	);
	if (result.code !== 0) {
		throw new Error(
			`npm install of n8n ${N8N_VERSION} failed (${result.timedOut ? 'timed out' : `exit ${result.code}`}):\n${tail(result.stderr || result.stdout)}`,
		);
	}

	// The native sqlite3 binding is what an install without scripts would miss.
	const check = await runCommand(process.execPath, ['-e', "require('sqlite3')"], {
		cwd: root,
		timeoutMs: 60_000,
	});
	if (check.code !== 0) {
		throw new Error(`sqlite3 does not load after the install:\n${tail(check.stderr)}`);
	}
	const version = await runCommand(process.execPath, [bin, '--version'], {
		cwd: root,
		env: { ...process.env, N8N_USER_FOLDER: join(root, '.version-check') },
		timeoutMs: 120_000,
	});
	rmSync(join(root, '.version-check'), { recursive: true, force: true });
	if (!version.stdout.includes(N8N_VERSION)) {
		throw new Error(
			`n8n --version printed no ${N8N_VERSION}:\n${tail(version.stdout + version.stderr)}`,
		);
	}

	const marker: Marker = { ...expectedMarker(), installedAt: new Date().toISOString() };
	writeFileSync(join(root, MARKER), JSON.stringify(marker, null, 2));
	const durationMs = Date.now() - started;
	log(`n8n ${N8N_VERSION} installed in ${Math.round(durationMs / 1000)} s`);
	return { root, bin, version: N8N_VERSION, installed: true, durationMs };
}

if (require.main === module) {
	ensureN8n((line) => console.log(line)).then(
		(install) => {
			console.log(
				`n8n ${install.version} ${install.installed ? 'installed' : 'already cached'} at ${install.root}`,
			);
		},
		(error: Error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
