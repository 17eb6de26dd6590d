/**
 * One throw-away n8n instance: a fresh N8N_USER_FOLDER (sqlite database, encryption key,
 * community nodes folder) driven through the real n8n CLI.
 *
 * `n8n execute --file` is gone in n8n 2.x: workflows are imported (import:workflow) and run by
 * id (execute --id). Credentials are imported with plain-object `data`, which import:credentials
 * encrypts with the instance key; export:credentials --decrypted reads them back, including the
 * hidden expirable token n8n stored after the credential's preAuthentication.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstall } from './install-n8n';
import { freePort, runCommand, tail, type RunResult } from './proc';
import {
	parseExecutionOutput,
	type CredentialImport,
	type ExecuteResult,
	type WorkflowJson,
} from './n8n-types';

export * from './n8n-types';

const CLI_TIMEOUT_MS = Number(process.env.N8N_E2E_TIMEOUT_MS ?? 120_000);

/** The n8n settings of every run: offline, quiet, sqlite, everything bound to 127.0.0.1. */
const FIXED_ENV: Record<string, string> = {
	DB_TYPE: 'sqlite',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	N8N_RUNNERS_MODE: 'internal',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: '127.0.0.1',
	// execute prints its result through the logger at level info: a quieter level hides it.
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_OUTPUT: 'console',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	NO_PROXY: '127.0.0.1,localhost,::1',
	no_proxy: '127.0.0.1,localhost,::1',
	NODE_ENV: 'production',
};

/** Variables of the caller that must not reach n8n (another database, a proxy, a license...). */
function inheritedEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$|NODE_OPTIONS$)/.test(key)) continue;
		if (/^(https?|all|ftp)_proxy$/i.test(key)) continue;
		if (/^npm_/i.test(key)) continue;
		env[key] = value;
	}
	return env;
}

export interface N8nInstanceOptions {
	/** Keep the user folder after dispose(), for debugging. */
	keep?: boolean;
	/** Echo every n8n output line. */
	verbose?: boolean;
	log?: (line: string) => void;
	/** Settings added to every n8n process of this instance (e.g. PostgreSQL instead of sqlite). */
	env?: Record<string, string>;
}

export interface Timing {
	command: string;
	ms: number;
}

export class N8nInstance {
	readonly timings: Timing[] = [];

	private constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		readonly encryptionKey: string,
		private readonly options: N8nInstanceOptions,
	) {}

	static create(install: N8nInstall, options: N8nInstanceOptions = {}): N8nInstance {
		const userFolder = mkdtempSync(join(tmpdir(), 'movilitas-e2e-n8n-'));
		return new N8nInstance(install, userFolder, randomBytes(24).toString('hex'), options);
	}

	get nodesFolder(): string {
		return join(this.userFolder, '.n8n', 'nodes');
	}

	/** The environment of every n8n command of this instance, plus `extra`. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return {
			...inheritedEnv(),
			...FIXED_ENV,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			...this.options.env,
			...extra,
		};
	}

	/** Runs `n8n <args>`; throws only when the process could not start or timed out. */
	async cli(args: string[], timeoutMs = CLI_TIMEOUT_MS): Promise<RunResult> {
		// Only execute starts the task broker, but a port of its own per call costs nothing.
		const brokerPort = await freePort();
		// Verbose mode echoes n8n's output line by line, prefixed with the command.
		let pending = '';
		const echo = (chunk: string) => {
			const lines = (pending + chunk).split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) console.log(`    [n8n ${args[0]}] ${line}`);
		};
		const result = await runCommand(process.execPath, [this.install.bin, ...args], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
			timeoutMs,
			onOutput: this.options.verbose ? echo : undefined,
		});
		if (pending) console.log(`    [n8n ${args[0]}] ${pending}`);
		this.timings.push({ command: args[0], ms: result.durationMs });
		if (result.timedOut) {
			throw new Error(
				`n8n ${args.join(' ')} timed out after ${timeoutMs} ms:\n${tail(result.stdout + result.stderr)}`,
			);
		}
		return result;
	}

	/**
	 * Installs a packed package the way n8n's community package installer lays it out:
	 * the tarball unpacked into .n8n/nodes/node_modules/<name>, its package.json stripped of
	 * dev, peer and optional dependencies, `npm install` run inside it with the installer's flags
	 * (so n8n-workflow and zod come from n8n, never from the package), and the package listed in
	 * .n8n/nodes/package.json.
	 */
	async installPackage(tarball: string): Promise<{ name: string; version: string; dir: string }> {
		const nodesFolder = this.nodesFolder;
		const staging = join(nodesFolder, '.staging');
		mkdirSync(staging, { recursive: true });
		const untar = await runCommand(
			'tar',
			['-xzf', tarball, '-C', staging, '--strip-components=1'],
			{
				timeoutMs: 60_000,
			},
		);
		if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
		const manifestPath = join(staging, 'package.json');
		const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown> & {
			name: string;
			version: string;
		};
		const dir = join(nodesFolder, 'node_modules', manifest.name);
		mkdirSync(join(dir, '..'), { recursive: true });
		rmSync(dir, { recursive: true, force: true });
		const mv = await runCommand('mv', [staging, dir], { timeoutMs: 60_000 });
		if (mv.code !== 0) throw new Error(`mv failed: ${mv.stderr}`);

		const { devDependencies, peerDependencies, optionalDependencies, ...runtime } = manifest;
		void devDependencies;
		void peerDependencies;
		void optionalDependencies;
		writeFileSync(join(dir, 'package.json'), JSON.stringify(runtime, null, 2));
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const install = await runCommand(
			npm,
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: dir, env: inheritedEnv(), timeoutMs: 300_000 },
		);
		if (install.code !== 0) {
			throw new Error(`npm install in ${dir} failed:\n${tail(install.stderr || install.stdout)}`);
		}

		const listPath = join(nodesFolder, 'package.json');
		const list = existsSync(listPath)
			? (JSON.parse(readFileSync(listPath, 'utf8')) as { dependencies?: Record<string, string> })
			: { name: 'installed-nodes', private: true, dependencies: {} };
		list.dependencies = { ...(list.dependencies ?? {}), [manifest.name]: manifest.version };
		writeFileSync(listPath, JSON.stringify(list, null, 2), 'utf8');
		return { name: manifest.name, version: manifest.version, dir };
	}

	private writeInput(name: string, data: unknown): string {
		const dir = join(this.userFolder, 'inputs');
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `${name}-${randomBytes(4).toString('hex')}.json`);
		writeFileSync(file, JSON.stringify(data, null, 2), { mode: 0o600 });
		return file;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		const file = this.writeInput('credentials', credentials);
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		rmSync(file, { force: true });
		const expected = `Successfully imported ${credentials.length} credential`;
		if (result.code !== 0 || !result.stdout.includes(expected)) {
			throw new Error(`import:credentials failed:\n${tail(result.stdout + result.stderr)}`);
		}
	}

	async importWorkflow(workflow: WorkflowJson): Promise<void> {
		const file = this.writeInput('workflow', workflow);
		const result = await this.cli(['import:workflow', `--input=${file}`]);
		rmSync(file, { force: true });
		if (result.code !== 0 || !result.stdout.includes('Successfully imported 1 workflow')) {
			throw new Error(`import:workflow failed:\n${tail(result.stdout + result.stderr)}`);
		}
	}

	async execute(workflowId: string): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return {
			run: parseExecutionOutput(result.stdout),
			process: result,
			output: `${result.stdout}\n${result.stderr}`,
		};
	}

	/** A credential as n8n holds it now, decrypted (export:credentials --decrypted). */
	async exportCredential(id: string): Promise<CredentialImport> {
		const file = join(this.userFolder, 'inputs', `export-${randomBytes(4).toString('hex')}.json`);
		mkdirSync(join(this.userFolder, 'inputs'), { recursive: true });
		const result = await this.cli([
			'export:credentials',
			`--id=${id}`,
			'--decrypted',
			`--output=${file}`,
		]);
		if (result.code !== 0 || !existsSync(file)) {
			throw new Error(`export:credentials failed:\n${tail(result.stdout + result.stderr)}`);
		}
		const exported = JSON.parse(readFileSync(file, 'utf8')) as
			| CredentialImport[]
			| CredentialImport;
		rmSync(file, { force: true });
		const credential = Array.isArray(exported) ? exported[0] : exported;
		if (!credential) throw new Error(`export:credentials found no credential ${id}`);
		return credential;
	}

	dispose(): void {
		if (this.options.keep) {
			this.options.log?.(`    kept n8n user folder ${this.userFolder}`);
			return;
		}
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}
