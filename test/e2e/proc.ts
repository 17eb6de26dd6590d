/**
 * Child processes for the end-to-end test: every one runs in its own process group with a
 * timeout, and every one still running when the test ends is killed with its children (n8n
 * starts a task-runner child of its own).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	timedOut: boolean;
	durationMs: number;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs: number;
	/** Called with each chunk of output, e.g. to echo it in verbose mode. */
	onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
	/** Called with the child's PID once it started, e.g. to stop a server that runs until told. */
	onSpawn?: (pid: number) => void;
}

const running = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
	}
}

/** Kills every child process group this module started that is still running. */
export function killAllChildren(): void {
	for (const pid of running) killGroup(pid, 'SIGKILL');
	running.clear();
}

/** Runs a command, never through a shell, and resolves when it ends or its timeout kills it. */
export function runCommand(
	command: string,
	args: string[],
	options: RunOptions,
): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		let graceTimer: NodeJS.Timeout | undefined;
		const pid = child.pid;
		if (pid !== undefined) {
			running.add(pid);
			options.onSpawn?.(pid);
		}
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			stdout += chunk;
			options.onOutput?.(chunk, 'stdout');
		});
		child.stderr.on('data', (chunk: string) => {
			stderr += chunk;
			options.onOutput?.(chunk, 'stderr');
		});
		const timer = setTimeout(() => {
			timedOut = true;
			if (pid === undefined) return;
			killGroup(pid, 'SIGTERM');
			graceTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5000);
		}, options.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			if (graceTimer) clearTimeout(graceTimer);
			if (pid !== undefined) running.delete(pid);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (graceTimer) clearTimeout(graceTimer);
			if (pid !== undefined) {
				// The group leader is gone; make sure no grandchild (task runner) outlives it.
				killGroup(pid, 'SIGKILL');
				running.delete(pid);
			}
			resolve({ code, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
		});
	});
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
		});
	});
}

/** The last lines of a text, for failure messages. */
export function tail(text: string, lines = 30): string {
	return text.split('\n').slice(-lines).join('\n');
}
