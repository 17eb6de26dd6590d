/**
 * A long-running child process (Redis, n8n main, an n8n worker): its own process group, its
 * output kept in memory (for waiting on a line and for the secret scan) and copied to a log file.
 * It is stopped by its PID: SIGTERM to its group, SIGKILL after a grace period. The group takes
 * n8n's task-runner children with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface ServiceOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	/** Where the output is copied to. */
	logFile: string;
	/** Echo each output line, prefixed with the service's name. */
	echo?: boolean;
}

export class Service {
	output = '';

	readonly pid: number;

	private readonly child: ChildProcess;

	private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

	private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

	private readonly waiters = new Set<() => void>();

	constructor(
		readonly name: string,
		command: string,
		args: string[],
		private readonly options: ServiceOptions,
	) {
		this.child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		if (this.child.pid === undefined) throw new Error(`${name}: ${command} did not start`);
		this.pid = this.child.pid;
		this.exited = new Promise((resolve) => {
			this.child.on('close', (code, signal) => {
				this.exit = { code, signal };
				this.notify();
				resolve(this.exit);
			});
			this.child.on('error', (error) => {
				this.output += `\n[spawn error] ${error.message}\n`;
			});
		});
		for (const stream of [this.child.stdout!, this.child.stderr!]) {
			stream.setEncoding('utf8');
			stream.on('data', (chunk: string) => this.onOutput(chunk));
		}
	}

	get running(): boolean {
		return this.exit === undefined;
	}

	get exitDescription(): string {
		if (!this.exit) return 'running';
		return this.exit.signal ? `killed by ${this.exit.signal}` : `exit ${this.exit.code}`;
	}

	private onOutput(chunk: string): void {
		this.output += chunk;
		appendFileSync(this.options.logFile, chunk);
		if (this.options.echo) {
			for (const line of chunk.split('\n').filter(Boolean))
				console.log(`    [${this.name}] ${line}`);
		}
		this.notify();
	}

	private notify(): void {
		for (const waiter of [...this.waiters]) waiter();
	}

	/** Resolves when the output matches; rejects when the process ends first or time runs out. */
	waitFor(pattern: RegExp, timeoutMs: number, what = String(pattern)): Promise<void> {
		return new Promise((resolve, reject) => {
			const check = () => {
				if (pattern.test(this.output)) return finish();
				if (!this.running)
					return finish(new Error(`${this.name} ended (${this.exitDescription}) before ${what}`));
			};
			const timer = setTimeout(
				() => finish(new Error(`${this.name}: no ${what} within ${timeoutMs / 1000} s`)),
				timeoutMs,
			);
			const finish = (error?: Error) => {
				clearTimeout(timer);
				this.waiters.delete(check);
				if (error) reject(error);
				else resolve();
			};
			this.waiters.add(check);
			check();
		});
	}

	private signalGroup(signal: NodeJS.Signals): void {
		try {
			process.kill(-this.pid, signal);
		} catch {
			try {
				process.kill(this.pid, signal);
			} catch {
				// already gone
			}
		}
	}

	/** SIGTERM to the group, SIGKILL after graceMs; resolves when the process has ended. */
	async stop(graceMs = 10_000): Promise<void> {
		if (this.running) {
			this.signalGroup('SIGTERM');
			const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		// The leader is gone; no grandchild (task runner) may outlive it.
		this.signalGroup('SIGKILL');
	}
}
