/**
 * `n8n start` with the packed package installed as a community package, in a throw-away user
 * folder (the e2e test's N8nInstance), listening on 127.0.0.1 in the ui test's port range.
 *
 * Ready means n8n printed "Editor is now accessible": /healthz answers earlier, before the
 * community packages and the editor's REST endpoints are loaded.
 */
import { ensureN8n } from '../e2e/install-n8n';
import { N8nInstance } from '../e2e/n8n-cli';
import { runCommand, tail, type RunResult } from '../e2e/proc';

const READY_LINE = 'Editor is now accessible';

export interface N8nServerOptions {
	tarball: string;
	/** n8n's HTTP port; the task broker listens on the next one, the runner's health check (off) on the one after. */
	port: number;
	startTimeoutMs: number;
	verbose: boolean;
	log: (line: string) => void;
}

export interface N8nServer {
	url: string;
	/** PID of the `n8n start` process, leader of its process group (the task runner is in it). */
	pid: number;
	/** Milliseconds from spawn to "Editor is now accessible". */
	startMs: number;
	output(): string;
	stop(): Promise<void>;
}

export async function startN8n(options: N8nServerOptions): Promise<N8nServer> {
	const install = await ensureN8n(options.log);
	const instance = N8nInstance.create(install, { log: options.log });
	await instance.installPackage(options.tarball);

	const env = instance.env({
		N8N_PORT: String(options.port),
		N8N_RUNNERS_BROKER_PORT: String(options.port + 1),
		// Off by default; pinned into the range should it ever be turned on.
		N8N_RUNNERS_HEALTH_CHECK_SERVER_PORT: String(options.port + 2),
		// The editor is served over plain http on 127.0.0.1: a Secure cookie would be dropped.
		N8N_SECURE_COOKIE: 'false',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${options.port}`,
	});

	let output = '';
	let pending = '';
	let pid: number | undefined;
	let announce: () => void = () => {};
	const ready = new Promise<void>((resolve) => (announce = resolve));
	const started = Date.now();
	const run: Promise<RunResult> = runCommand(process.execPath, [install.bin, 'start'], {
		cwd: instance.userFolder,
		env,
		// The runner stops it long before this; the timeout only bounds a forgotten server.
		timeoutMs: 60 * 60_000,
		onSpawn: (spawned) => (pid = spawned),
		onOutput: (chunk) => {
			output += chunk;
			if (options.verbose) {
				const lines = (pending + chunk).split('\n');
				pending = lines.pop() ?? '';
				for (const line of lines) console.log(`    [n8n] ${line}`);
			}
			if (output.includes(READY_LINE)) announce();
		},
	});
	const ended = run.then((result) => result);

	const stop = async () => {
		if (pid !== undefined) {
			try {
				// n8n shuts down on SIGTERM; its group holds the task runner too.
				process.kill(-pid, 'SIGTERM');
			} catch {
				// already gone
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-pid!, 'SIGKILL');
				} catch {
					// already gone
				}
			}, 15_000);
			await ended.catch(() => undefined);
			clearTimeout(timer);
		}
		instance.dispose();
	};

	let timeout: NodeJS.Timeout | undefined;
	const outcome = await Promise.race([
		ready.then(() => 'ready' as const),
		ended.then(() => 'ended' as const),
		new Promise<'timeout'>((resolve) => {
			timeout = setTimeout(() => resolve('timeout'), options.startTimeoutMs);
		}),
	]);
	clearTimeout(timeout);
	if (outcome !== 'ready' || pid === undefined) {
		await stop();
		throw new Error(
			outcome === 'ended'
				? `n8n start exited before "${READY_LINE}":\n${tail(output)}`
				: `n8n did not print "${READY_LINE}" within ${options.startTimeoutMs} ms:\n${tail(output)}`,
		);
	}
	return {
		url: `http://127.0.0.1:${options.port}`,
		pid,
		startMs: Date.now() - started,
		output: () => output,
		stop,
	};
}
