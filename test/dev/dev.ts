/**
 * `npm run dev`: the cached n8n (the e2e's n8n 2.8.4, installed on first use) with the package
 * in a dev user folder, rebuilt on every change and restarted when dist/ changes.
 *
 * - `tsc --watch` compiles into dist/ as `npm run build` does; `gulp build:icons` copies the
 *   icons and codex JSON at start and whenever one changes under nodes/ or credentials/.
 * - dist/ is polled; once it has every file package.json's "n8n" section names and has stopped
 *   changing, it is copied into the dev user folder (dev-package.ts) and n8n is (re)started.
 *   n8n-node dev instead links the package into ~/.n8n-node-cli/.n8n/custom, whose loader names
 *   the types CUSTOM.<name>, and lets n8n reload it in place (N8N_DEV_RELOAD, only when NODE_ENV
 *   is unset or development). The community package layout keeps the real type names, so
 *   workflows move unchanged between dev, the e2e and production; a restart reloads everything
 *   (credential class included) under NODE_ENV=production like the e2e's n8n.
 *
 * Settings: N8N_DEV_PORT (5700; the task broker takes the next port), N8N_DEV_USER_FOLDER
 * (<cache>/dev-user, kept between runs: owner account, workflows, credentials). Ctrl-C stops all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, watch } from 'node:fs';
import { join } from 'node:path';

import { cacheRoot } from '../e2e/cache';
import { ensureN8n, type N8nInstall } from '../e2e/install-n8n';
import { n8nEnv } from '../e2e/n8n-cli';
import { pathWith } from '../e2e/node-runtime';
import { findRepoRoot } from '../e2e/pack';
import { builtEntryPoints, fingerprint, syncPackage } from './dev-package';

const PORT = Number(process.env.N8N_DEV_PORT ?? 5700);
const USER_FOLDER = process.env.N8N_DEV_USER_FOLDER ?? join(cacheRoot(), 'dev-user');
const POLL_MS = 500;
const STOP_TIMEOUT_MS = 20_000;

const say = (line: string) => console.log(`[dev] ${new Date().toTimeString().slice(0, 8)} ${line}`);
const children = new Set<ChildProcess>();
/** n8n processes stopped on purpose (a restart), whose exit is no news. */
const stopping = new Set<ChildProcess>();

/** Starts a child in its own process group, its output prefixed line by line. */
function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
	const child = spawn(command, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	for (const stream of [child.stdout, child.stderr]) {
		let pending = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk: string) => {
			const lines = (pending + chunk).split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) if (line.trim()) console.log(`[${name}] ${line}`);
		});
	}
	child.on('exit', () => children.delete(child));
	return child;
}

/** SIGTERM to the child's group (n8n's task runner included), SIGKILL if it lingers. */
function stop(child: ChildProcess | undefined): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) {
		return Promise.resolve();
	}
	const pid = child.pid;
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(-pid, sig);
		} catch {
			// already gone
		}
	};
	return new Promise((resolve) => {
		const timer = setTimeout(() => signal('SIGKILL'), STOP_TIMEOUT_MS);
		child.once('exit', () => {
			clearTimeout(timer);
			signal('SIGKILL'); // the task runner, should it outlive n8n
			resolve();
		});
		signal('SIGTERM');
	});
}

function startN8n(install: N8nInstall): ChildProcess {
	const started = Date.now();
	const env = {
		...n8nEnv(install),
		N8N_USER_FOLDER: USER_FOLDER,
		N8N_PORT: String(PORT),
		N8N_RUNNERS_BROKER_PORT: String(PORT + 1),
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	};
	const child = start('n8n', install.node.bin, [install.bin, 'start'], env, USER_FOLDER);
	child.stdout?.on('data', (chunk: string) => {
		if (chunk.includes('Editor is now accessible')) {
			say(`n8n ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://127.0.0.1:${PORT}`);
		}
	});
	child.on('exit', (code, signal) => {
		if (!stopping.has(child)) say(`n8n exited (${signal ?? `exit ${code}`}); waiting for a change`);
	});
	return child;
}

async function main(): Promise<void> {
	const repoRoot = findRepoRoot();
	const install = await ensureN8n(say);
	say(`n8n ${install.version} on Node ${install.node.version}; user folder ${USER_FOLDER}`);
	const toolEnv = { ...process.env, PATH: pathWith(install.node) };
	const gulp = () =>
		start(
			'icons',
			process.execPath,
			[join(repoRoot, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build:icons'],
			toolEnv,
			repoRoot,
		);

	rmSync(join(repoRoot, 'dist'), { recursive: true, force: true });
	const tscBin = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
	start(
		'tsc',
		process.execPath,
		[tscBin, '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'],
		toolEnv,
		repoRoot,
	);
	gulp();
	let iconTimer: NodeJS.Timeout | undefined;
	for (const folder of ['nodes', 'credentials']) {
		watch(join(repoRoot, folder), { recursive: true }, (_event, file) => {
			if (!file || !/\.(png|svg|json)$/.test(String(file))) return;
			clearTimeout(iconTimer);
			iconTimer = setTimeout(gulp, 300);
		});
	}

	const dist = join(repoRoot, 'dist');
	const entryPoints = builtEntryPoints(repoRoot);
	let n8n: ChildProcess | undefined;
	let synced = '';
	let previous = '';
	let busy = false;
	setInterval(() => {
		if (busy) return;
		const current = fingerprint(dist);
		const settled = current === previous;
		previous = current;
		if (!settled || current === synced) return;
		if (!entryPoints.every((file) => existsSync(join(repoRoot, file)))) return;
		busy = true;
		void (async () => {
			const first = synced === '';
			synced = current;
			if (n8n) {
				say('dist changed: restarting n8n');
				stopping.add(n8n);
				await stop(n8n);
			}
			const folder = syncPackage(repoRoot, USER_FOLDER);
			say(`${first ? 'built' : 'rebuilt'}: dist copied to ${folder}`);
			n8n = startN8n(install);
		})().finally(() => {
			busy = false;
		});
	}, POLL_MS);

	const shutdown = () => {
		say('stopping');
		for (const child of children) stopping.add(child);
		void Promise.all([...children].map((child) => stop(child))).finally(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
	console.error(`[dev] ${error.stack ?? error.message}`);
	for (const child of children) if (child.pid) process.kill(-child.pid, 'SIGKILL');
	process.exit(1);
});
