/**
 * n8n in queue mode: a main instance that takes the webhook calls and puts them on the Redis
 * queue, and two `n8n worker` processes that run them, all on one PostgreSQL database and one
 * encryption key. Each process has its own user folder, as separate hosts would: n8n keeps a
 * crash journal per folder, and each has the packed package installed as a community package.
 */
import { join } from 'node:path';

import type { N8nInstall } from '../e2e/install-n8n';
import { N8nInstance } from '../e2e/n8n-cli';
import type { Postgres, Redis } from './databases';
import { Service } from './service';
import {
	HOST,
	keep,
	LOG_LEVEL,
	PORTS,
	START_TIMEOUT_MS,
	verbose,
	WORKER_CONCURRENCY,
} from './settings';

export interface ClusterProcess {
	name: string;
	instance: N8nInstance;
	service?: Service;
}

export interface Cluster {
	main: ClusterProcess;
	workers: ClusterProcess[];
	/** Every process, main first. */
	all: ClusterProcess[];
	encryptionKey: string;
}

const WORKERS = [
	{ name: 'worker-1', broker: PORTS.worker1Broker, health: PORTS.worker1Health },
	{ name: 'worker-2', broker: PORTS.worker2Broker, health: PORTS.worker2Health },
];

/** What main, the workers and every CLI command of the test share. */
function sharedEnv(postgres: Postgres, redis: Redis): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: HOST,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: HOST,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_PASSWORD: redis.password,
		N8N_PORT: String(PORTS.main),
		WEBHOOK_URL: `http://${HOST}:${PORTS.main}/`,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_SECURE_COOKIE: 'false',
	};
}

/** Creates the user folders and installs the package into each; nothing runs yet. */
export async function prepareCluster(
	install: N8nInstall,
	tarball: string,
	postgres: Postgres,
	redis: Redis,
	log: (line: string) => void,
): Promise<Cluster> {
	const env = sharedEnv(postgres, redis);
	const main = N8nInstance.create(install, { keep, verbose, log, env });
	// The workers decrypt what main encrypted: one key for all.
	const workerEnv = { ...env, N8N_ENCRYPTION_KEY: main.encryptionKey };
	const workers = WORKERS.map(({ name }) => ({
		name,
		instance: N8nInstance.create(install, { keep, verbose, log, env: workerEnv }),
	}));
	const mainMember: ClusterProcess = { name: 'main', instance: main };
	const cluster: Cluster = {
		main: mainMember,
		workers,
		all: [mainMember, ...workers],
		encryptionKey: main.encryptionKey,
	};
	for (const member of cluster.all) await member.instance.installPackage(tarball);
	return cluster;
}

/** Starts main and both workers and waits until each is ready. */
export async function startCluster(
	cluster: Cluster,
	install: N8nInstall,
	logDir: string,
	workflowName: string,
): Promise<void> {
	const start = (member: ClusterProcess, args: string[], extra: Record<string, string>) => {
		member.service = new Service(member.name, process.execPath, [install.bin, ...args], {
			cwd: member.instance.userFolder,
			env: member.instance.env({
				// Info and debug log "Worker started execution <id>", which tells which worker ran what.
				N8N_LOG_LEVEL: LOG_LEVEL,
				N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
				...extra,
			}),
			logFile: join(logDir, `${member.name}.log`),
			echo: verbose,
		});
		return member.service;
	};
	const main = start(cluster.main, ['start'], {
		N8N_RUNNERS_BROKER_PORT: String(PORTS.mainBroker),
	});
	const workers = cluster.workers.map((worker, index) =>
		start(worker, ['worker', `--concurrency=${WORKER_CONCURRENCY}`], {
			N8N_RUNNERS_BROKER_PORT: String(WORKERS[index].broker),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(WORKERS[index].health),
			N8N_WORKER_SERVER_ADDRESS: HOST,
		}),
	);
	await Promise.all([
		main
			.waitFor(/Editor is now accessible/, START_TIMEOUT_MS, 'editor accessible')
			.then(() =>
				main.waitFor(
					new RegExp(`Activated workflow "${workflowName}"`),
					5_000,
					'workflow activated',
				),
			),
		...workers.map(async (worker, index) => {
			await worker.waitFor(/n8n worker is now ready/, START_TIMEOUT_MS, 'worker ready');
			await waitReady(`http://${HOST}:${WORKERS[index].health}/healthz/readiness`, worker);
		}),
	]);
}

/** A worker's readiness endpoint answers 200 once it is connected to PostgreSQL and Redis. */
async function waitReady(url: string, service: Service): Promise<void> {
	const until = Date.now() + 60_000;
	for (;;) {
		try {
			if ((await fetch(url)).status === 200) return;
		} catch {
			// not listening yet
		}
		if (!service.running || Date.now() > until) {
			throw new Error(`${service.name}: ${url} never answered 200 (${service.exitDescription})`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Stops every process by its PID (workers first, so none picks up work from a dead main). */
export async function stopCluster(cluster: Cluster): Promise<void> {
	await Promise.all(cluster.workers.map((worker) => worker.service?.stop()));
	await cluster.main.service?.stop();
}

export function disposeCluster(cluster: Cluster): void {
	for (const member of cluster.all) member.instance.dispose();
}
