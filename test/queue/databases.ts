/**
 * Redis and PostgreSQL from Debian's packages, each on a loopback port with a throw-away data
 * folder and a random password. PostgreSQL refuses to run as root, so initdb and pg_ctl run as
 * the `postgres` user (runuser) in a folder owned by it.
 */
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	copyFileSync,
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCommand, tail } from '../e2e/proc';
import { Service } from './service';
import { HOST, PORTS, verbose } from './settings';

const REDIS_SERVER = '/usr/bin/redis-server';

function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

async function run(command: string, args: string[], what: string, timeoutMs = 120_000) {
	const result = await runCommand(command, args, {
		timeoutMs,
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C' },
	});
	if (result.code !== 0) {
		throw new Error(
			`${what} failed (${result.timedOut ? 'timed out' : `exit ${result.code}`}):\n${tail(result.stderr + result.stdout)}`,
		);
	}
	return result;
}

/** Installs redis-server and postgresql from Debian when missing; the packages installed. */
export async function ensureDebianPackages(log: (line: string) => void): Promise<string[]> {
	const missing = [
		...(existsSync(REDIS_SERVER) ? [] : ['redis-server']),
		...(postgresBin() ? [] : ['postgresql']),
	];
	if (missing.length === 0) return [];
	if (process.getuid?.() !== 0) {
		throw new Error(`${missing.join(' and ')} missing: run as root or apt-get install them`);
	}
	log(`Installing ${missing.join(', ')} from Debian...`);
	// Other jobs on the machine may hold the dpkg lock for a while: wait for it.
	const lock = ['-o', 'DPkg::Lock::Timeout=600'];
	await run('apt-get', [...lock, 'update'], 'apt-get update', 900_000);
	await run(
		'apt-get',
		[...lock, 'install', '-y', '--no-install-recommends', ...missing],
		'apt-get install',
		900_000,
	);
	return missing;
}

export interface Redis {
	port: number;
	password: string;
	service: Service;
	stop(): Promise<void>;
}

export async function startRedis(logDir: string, timeoutMs: number): Promise<Redis> {
	const dir = mkdtempSync(join(tmpdir(), 'movilitas-queue-redis-'));
	const password = randomBytes(18).toString('hex');
	const config = join(dir, 'redis.conf');
	writeFileSync(
		config,
		[
			`port ${PORTS.redis}`,
			`bind ${HOST}`,
			'protected-mode yes',
			`dir ${dir}`,
			'save ""',
			'appendonly no',
			'daemonize no',
			'logfile ""',
			`requirepass ${password}`,
		].join('\n'),
		{ mode: 0o600 },
	);
	const service = new Service('redis', REDIS_SERVER, [config], {
		logFile: join(logDir, 'redis.log'),
		echo: verbose,
	});
	const stop = async () => {
		await service.stop();
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await service.waitFor(/Ready to accept connections/, timeoutMs, 'Redis ready');
	} catch (error) {
		await stop();
		throw error;
	}
	return { port: PORTS.redis, password, service, stop };
}

export interface Postgres {
	port: number;
	user: string;
	password: string;
	database: string;
	/** PID of the postmaster. */
	pid: number;
	logFile: string;
	stop(): Promise<void>;
}

/** Whether a process still runs; a zombie waiting for PID 1 to reap it counts as ended. */
export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		// The state follows the command name in parentheses: "1234 (postgres) Z ...".
		return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return true;
	}
}

async function waitEnded(pid: number, timeoutMs: number): Promise<boolean> {
	const until = Date.now() + timeoutMs;
	while (alive(pid)) {
		if (Date.now() > until) return false;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return true;
}

export async function startPostgres(logDir: string, timeoutMs: number): Promise<Postgres> {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql/*/bin)');
	const uid = Number((await run('id', ['-u', 'postgres'], 'id -u postgres')).stdout.trim());
	const gid = Number((await run('id', ['-g', 'postgres'], 'id -g postgres')).stdout.trim());
	const base = mkdtempSync(join(tmpdir(), 'movilitas-queue-pg-'));
	chownSync(base, uid, gid);
	chmodSync(base, 0o700);
	const dataDir = join(base, 'data');
	const logFile = join(base, 'postgres.log');
	const password = randomBytes(18).toString('hex');
	const asPostgres = (tool: string, args: string[], what: string) =>
		run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], what, timeoutMs);

	let pid = 0;
	const stop = async () => {
		if (existsSync(join(dataDir, 'postmaster.pid'))) {
			await asPostgres(
				'pg_ctl',
				['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'],
				'pg_ctl stop',
			).catch(() => undefined);
		}
		// pg_ctl returns when the PID file is gone, a moment before the postmaster has exited.
		if (pid && !(await waitEnded(pid, 10_000))) process.kill(pid, 'SIGKILL');
		// Kept for the secret scan and for reading after a failure; the data folder goes.
		if (existsSync(logFile)) copyFileSync(logFile, join(logDir, 'postgres.log'));
		rmSync(base, { recursive: true, force: true });
	};
	try {
		const pwFile = join(base, 'pw');
		writeFileSync(pwFile, password, { mode: 0o600 });
		chownSync(pwFile, uid, gid);
		await asPostgres(
			'initdb',
			[
				'-D',
				dataDir,
				'-U',
				'n8n',
				`--pwfile=${pwFile}`,
				'-A',
				'scram-sha-256',
				'-E',
				'UTF8',
				'--locale=C',
				'--no-sync',
			],
			'initdb',
		);
		rmSync(pwFile);
		// Durability settings off: the data is thrown away at the end.
		const serverOptions = [
			`-p ${PORTS.postgres}`,
			`-c listen_addresses=${HOST}`,
			`-k ${base}`,
			'-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
			'-c max_connections=100',
		].join(' ');
		await asPostgres(
			'pg_ctl',
			[
				'-D',
				dataDir,
				'-l',
				logFile,
				'-w',
				'-t',
				String(Math.round(timeoutMs / 1000)),
				'-o',
				serverOptions,
				'start',
			],
			'pg_ctl start',
		);
		pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		port: PORTS.postgres,
		user: 'n8n',
		password,
		database: 'postgres',
		pid,
		logFile: join(logDir, 'postgres.log'),
		stop,
	};
}
