/**
 * A real n8n, installed once into a cache folder outside the clone and reused by every run:
 * <cache>/n8n-<version>-abi<ABI of its Node>, so one n8n version can sit there for several Nodes.
 *
 * Two ways to install (matrix.ts): `scripts`, a plain npm install whose install scripts compile
 * sqlite3 with node-gyp (n8n 2.8.4 on Node 20); and `rebuild`, npm install --ignore-scripts
 * (newer n8n pulls native modules whose install scripts download binaries and fail offline)
 * followed by `npm rebuild sqlite3 --nodedir=<that Node's folder>`. Both run npm on the Node the
 * n8n will run on. A marker file is written only after the install was checked (sqlite3 loads,
 * `n8n --version` answers), so an interrupted install is redone, not reused.
 *
 * Run on its own to warm the cache: node .tools/test/e2e/install-n8n.js [--n8n <version>|all]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cacheRoot } from './cache';
import { DEFAULT_N8N, parseTargets, type InstallMode, type N8nTarget } from './matrix';
import { ensureNode, pathWith, type NodeRuntime } from './node-runtime';
import { runCommand, tail } from './proc';

export { cacheRoot } from './cache';

/** The version of the machine's Node, run when no --n8n is given. */
export const N8N_VERSION = DEFAULT_N8N;
const MARKER = '.e2e-install-complete.json';
const INSTALL_TIMEOUT_MS = Number(process.env.N8N_E2E_INSTALL_TIMEOUT_MS ?? 30 * 60_000);

export interface N8nInstall {
	/** Folder holding package.json and node_modules. */
	root: string;
	/** The n8n CLI entry script, run with `node.bin`. */
	bin: string;
	version: string;
	/** The Node this n8n was installed for and runs on. */
	node: NodeRuntime;
	/** True when this call installed it, false when the cache was reused. */
	installed: boolean;
	/** Time of this call's install (n8n and, if needed, Node); 0 when both were cached. */
	durationMs: number;
}

interface Marker {
	n8nVersion: string;
	overrides: Record<string, string>;
	/** ABI of the Node that compiled the native modules (sqlite3). */
	nodeModulesAbi: string;
	/** Absent in markers written before the matrix: those were plain installs. */
	installMode?: InstallMode;
	nodeVersion?: string;
	installSeconds?: number;
	installedAt: string;
}

function markerMatches(root: string, target: N8nTarget, abi: string): boolean {
	try {
		const marker = JSON.parse(readFileSync(join(root, MARKER), 'utf8')) as Marker;
		return (
			marker.n8nVersion === target.n8n &&
			JSON.stringify(marker.overrides) === JSON.stringify(target.overrides) &&
			marker.nodeModulesAbi === abi &&
			(marker.installMode ?? 'scripts') === target.install &&
			existsSync(join(root, 'node_modules', 'n8n', 'bin', 'n8n'))
		);
	} catch {
		return false;
	}
}

/**
 * Child env for npm: runs on the target Node, and the caller's npm settings (ignore-scripts from
 * `npm run`, a proxy) must not change the result.
 */
function npmEnv(node: NodeRuntime): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathWith(node) };
	for (const key of Object.keys(env)) if (/^npm_config_ignore_scripts$/i.test(key)) delete env[key];
	return env;
}

async function npm(args: string[], root: string, node: NodeRuntime, what: string): Promise<void> {
	const result = await runCommand(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
		cwd: root,
		env: npmEnv(node),
		timeoutMs: INSTALL_TIMEOUT_MS,
	});
	if (result.code !== 0) {
		const how = result.timedOut ? 'timed out' : `exit ${result.code}`;
		throw new Error(`${what} failed (${how}):\n${tail(result.stderr || result.stdout)}`);
	}
}

/** The install is usable: sqlite3's binding loads and the CLI prints its version. */
async function verify(root: string, bin: string, target: N8nTarget, node: NodeRuntime) {
	const check = await runCommand(node.bin, ['-e', "require('sqlite3')"], {
		cwd: root,
		timeoutMs: 60_000,
	});
	if (check.code !== 0) {
		throw new Error(`sqlite3 does not load after the install:\n${tail(check.stderr)}`);
	}
	const version = await runCommand(node.bin, [bin, '--version'], {
		cwd: root,
		env: { ...process.env, PATH: pathWith(node), N8N_USER_FOLDER: join(root, '.version-check') },
		timeoutMs: 120_000,
	});
	rmSync(join(root, '.version-check'), { recursive: true, force: true });
	if (!version.stdout.includes(target.n8n)) {
		throw new Error(
			`n8n --version printed no ${target.n8n}:\n${tail(version.stdout + version.stderr)}`,
		);
	}
}

async function install(root: string, bin: string, target: N8nTarget, node: NodeRuntime) {
	rmSync(root, { recursive: true, force: true });
	mkdirSync(root, { recursive: true });
	writeFileSync(
		join(root, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-movilitas-e2e-runtime',
				private: true,
				description: 'n8n for the end-to-end test of n8n-nodes-movilitas (generated)',
				dependencies: { n8n: target.n8n },
				overrides: target.overrides,
			},
			null,
			2,
		),
	);
	const flags = ['--no-audit', '--no-fund', '--loglevel=error'];
	const scripts = target.install === 'scripts';
	await npm(
		['install', ...flags, `--ignore-scripts=${!scripts}`],
		root,
		node,
		`npm install n8n@${target.n8n}`,
	);
	if (!scripts) {
		if (!node.nodedir) throw new Error(`install mode rebuild needs a Node with headers`);
		await npm(
			['rebuild', 'sqlite3', ...flags, '--ignore-scripts=false', `--nodedir=${node.nodedir}`],
			root,
			node,
			`npm rebuild sqlite3 for Node ${node.version}`,
		);
	}
	await verify(root, bin, target, node);
}

/** n8n 2.8.4 on the system Node, or the given target, installed if the cache lacks it. */
export async function ensureN8n(
	log: (line: string) => void = () => {},
	target: N8nTarget = parseTargets([])[0],
): Promise<N8nInstall> {
	const started = Date.now();
	const node = await ensureNode(target.node, log);
	const root = join(cacheRoot(), `n8n-${target.n8n}-abi${node.abi}`);
	// The cache before the matrix had one folder per version (n8n-2.8.4); reuse it when it matches.
	const legacy = join(cacheRoot(), `n8n-${target.n8n}`);
	for (const candidate of [root, legacy]) {
		if (markerMatches(candidate, target, node.abi)) {
			const bin = join(candidate, 'node_modules', 'n8n', 'bin', 'n8n');
			const durationMs = node.installSeconds * 1000;
			return { root: candidate, bin, version: target.n8n, node, installed: false, durationMs };
		}
	}

	const mode = target.install === 'scripts' ? 'install scripts on' : '--ignore-scripts + rebuild';
	log(`Installing n8n ${target.n8n} for Node ${node.version} (${mode}) into ${root}...`);
	const bin = join(root, 'node_modules', 'n8n', 'bin', 'n8n');
	const installStarted = Date.now();
	await install(root, bin, target, node);
	const installSeconds = Math.round((Date.now() - installStarted) / 1000);
	const marker: Marker = {
		n8nVersion: target.n8n,
		overrides: target.overrides,
		nodeModulesAbi: node.abi,
		installMode: target.install,
		nodeVersion: node.version,
		installSeconds,
		installedAt: new Date().toISOString(),
	};
	writeFileSync(join(root, MARKER), JSON.stringify(marker, null, 2));
	log(`n8n ${target.n8n} installed in ${installSeconds} s`);
	return {
		root,
		bin,
		version: target.n8n,
		node,
		installed: true,
		durationMs: Date.now() - started,
	};
}

if (require.main === module) {
	const run = async () => {
		for (const target of parseTargets(process.argv.slice(2))) {
			const install = await ensureN8n((line) => console.log(line), target);
			const how = install.installed ? 'installed' : 'already cached';
			console.log(
				`n8n ${install.version} on Node ${install.node.version} ${how} at ${install.root}`,
			);
		}
	};
	run().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
