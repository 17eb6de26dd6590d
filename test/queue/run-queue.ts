/**
 * Queue-mode test (README.md): n8n main, Redis, PostgreSQL and two n8n workers, with the packed
 * package installed as a community package and the sandbox as Movilitas. One warm-up webhook
 * call, then CALLS calls at once, each with its own serials; the sandbox expires the token in
 * the middle. Prints the checks, figures, and a last line "N passed, M failed"; exits 1 on any
 * failure. Every process it started is stopped by its PID and every folder removed, on every
 * way out.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../sandbox/server';
import { Checks } from '../e2e/checks';
import { cleanUpOnSignals, onCleanup, runCleanups } from '../e2e/cleanup';
import { ensureN8n } from '../e2e/install-n8n';
import { findRepoRoot, packProject } from '../e2e/pack';
import { log } from '../e2e/settings';
import {
	checkExecutions,
	checkNoSecrets,
	checkSandboxSerials,
	checkStoredToken,
	checkTokenCalls,
	checkWorkers,
	type ExecutionOutput,
} from './checks';
import { disposeCluster, prepareCluster, startCluster, stopCluster } from './cluster';
import { Database, outputOf } from './database';
import { alive, ensureDebianPackages, startPostgres, startRedis } from './databases';
import {
	printLogTails,
	printSummary,
	printTimeline,
	refreshFigures,
	seconds,
	type Timing,
} from './report';
import { exportCredential, fireWebhooks, importAndPublish } from './steps';
import {
	CALLS,
	keep,
	NODE_NAME,
	PORTS,
	RUN_TIMEOUT_MS,
	SERIALS_PER_CALL,
	TOKEN_USES,
	TOTAL_TIMEOUT_MS,
} from './settings';
import { dynamicCredential, randomSecrets, serialsForCall, webhookWorkflow } from './workflow';

/** For the log tails after a failure: where the logs are and what to mask in them. */
const failureContext: { logDir?: string; secrets: string[] } = { secrets: [] };

async function main(checks: Checks): Promise<void> {
	const timing: Partial<Timing> = {};
	const started = Date.now();
	const repoRoot = findRepoRoot();
	await ensureDebianPackages(log);
	const install = await ensureN8n(log);
	const work = mkdtempSync(join(tmpdir(), 'movilitas-queue-'));
	onCleanup(() => (keep ? log(`kept ${work}`) : rmSync(work, { recursive: true, force: true })));
	const logDir = join(work, 'logs');
	mkdirSync(logDir);
	failureContext.logDir = logDir;
	const tarball = await packProject(repoRoot, work);

	const secrets = randomSecrets();
	const sandbox = await startSandbox({
		port: PORTS.sandbox,
		apiKeys: [{ apiKey: secrets.apiKey, apiSecret: secrets.apiSecret }],
		channelKeys: [secrets.channelKey],
		expireTokenAfterRequests: TOKEN_USES,
		// Tells a resent serial apart from a first decommission in the node's output.
		alreadyDecommissionedStatus: 'Already decommissioned',
	});
	const stopSandbox = onCleanup(() => sandbox.stop());
	const postgres = await startPostgres(logDir, 60_000);
	const stopPostgres = onCleanup(() => postgres.stop());
	const redis = await startRedis(logDir, 30_000);
	const stopRedis = onCleanup(() => redis.stop());
	const cluster = await prepareCluster(install, tarball, postgres, redis, log);
	onCleanup(() => disposeCluster(cluster));
	const db = await Database.connect(install, postgres);
	const closeDb = onCleanup(() => db.close());
	const allSecrets = () => ({
		'API key/secret/channel key': [secrets.apiKey, secrets.apiSecret, secrets.channelKey],
		tokens: sandbox.state.tokensIssued,
		'database/Redis password or encryption key': [
			postgres.password,
			redis.password,
			cluster.encryptionKey,
		],
	});
	failureContext.secrets = Object.values(allSecrets()).flat();

	const credential = dynamicCredential(sandbox.url, secrets);
	const workflow = webhookWorkflow(credential);
	const workflowId = workflow.id!;
	const cli: Record<string, string> = {};
	await importAndPublish(cluster.main.instance, credential, workflow, cli);
	checks.ok(await db.isPublished(workflowId), 'publish:workflow published the workflow');
	const stopN8n = onCleanup(() => stopCluster(cluster));
	const startAt = Date.now();
	await startCluster(cluster, install, logDir, workflow.name);
	timing.startup = Date.now() - startAt;
	log(`n8n main and 2 workers ready in ${seconds(timing.startup)} (queue mode)`);

	const runTag = randomBytes(3).toString('hex');
	const calls = Array.from({ length: CALLS + 1 }, (_, call) =>
		serialsForCall(runTag, call, SERIALS_PER_CALL),
	);
	// One call first, so the burst starts with a stored token (see README: cold start).
	const warmAt = Date.now();
	const statuses = await fireWebhooks(calls.slice(0, 1));
	await db.waitForExecutions(workflowId, 1, RUN_TIMEOUT_MS);
	timing.warmup = Date.now() - warmAt;
	const burstFrom = sandbox.state.requests.length;
	const burstAt = Date.now();
	statuses.push(...(await fireWebhooks(calls.slice(1))));
	timing.answered = Date.now() - burstAt;
	let rows = await db.executions(workflowId);
	try {
		rows = await db.waitForExecutions(workflowId, calls.length, RUN_TIMEOUT_MS);
	} catch (error) {
		checks.ok(false, `every execution finished: ${(error as Error).message}`);
	}
	timing.burst = Date.now() - burstAt;
	log(`${rows.length} executions done; burst of ${CALLS} in ${seconds(timing.burst)}`);

	const notOk = statuses.filter((status) => status !== 200);
	checks.equal(notOk, [], `all ${calls.length} webhook calls answered 200`);
	const outputs: ExecutionOutput[] = [];
	for (const row of rows) {
		const run = await db.run(row.id);
		const items = run ? outputOf(run, NODE_NAME).map((item) => item.json) : [];
		outputs.push({ id: row.id, items });
	}
	checkExecutions(checks, rows, outputs, calls);
	checkSandboxSerials(checks, sandbox, calls);
	const tokens = checkTokenCalls(checks, sandbox, burstFrom, CALLS);
	const stored = await exportCredential(cluster.main.instance, credential.id, cli);
	checkStoredToken(checks, sandbox, stored);

	// Everything stops before the logs are read, so that the scan sees every last line.
	await stopN8n();
	const workerLogs = Object.fromEntries(
		cluster.workers.map((w) => [w.name, w.service?.output ?? '']),
	);
	const perWorker = checkWorkers(checks, rows, workerLogs, cluster.main.service?.output ?? '');
	await stopRedis();
	await closeDb();
	await stopPostgres();
	await stopSandbox();
	const services = [...cluster.all.map((member) => member.service!), redis.service];
	const running = services.filter((service) => service.running).map((service) => service.name);
	checks.equal(running, [], 'n8n main, both workers and Redis have ended');
	checks.ok(!alive(postgres.pid), `PostgreSQL (PID ${postgres.pid}) has ended`);

	const logs: Record<string, string> = { ...cli };
	for (const file of readdirSync(logDir)) logs[file] = readFileSync(join(logDir, file), 'utf8');
	checkNoSecrets(checks, logs, allSecrets());
	timing.total = Date.now() - started;
	const refreshes = refreshFigures(sandbox, outputs, workerLogs);
	printTimeline(sandbox);
	printSummary(rows.length, perWorker, tokens, refreshes, timing as Timing);
}

cleanUpOnSignals();
const checks = new Checks();
const watchdog = setTimeout(() => {
	checks.ok(false, `the test was still running after ${seconds(TOTAL_TIMEOUT_MS)}`);
	void finish();
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

let finishing: Promise<never> | undefined;

/** Stops and removes everything, prints the checks and the last line, exits; runs once. */
function finish(crash?: Error): Promise<never> {
	finishing ??= (async () => {
		if (crash) checks.ok(false, `the test could not run: ${crash.stack ?? crash.message}`);
		// n8n's last lines explain most failures; the logs are removed with the rest.
		const { logDir, secrets } = failureContext;
		if (checks.failed.length > 0 && logDir) printLogTails(logDir, secrets);
		await runCleanups();
		for (const result of checks.results) log(`${result.ok ? 'PASS' : 'FAIL'} ${result.message}`);
		const failed = checks.failed.length;
		console.log(`${checks.results.length - failed} passed, ${failed} failed`);
		process.exit(failed === 0 && checks.results.length > 0 ? 0 : 1);
	})();
	return finishing;
}

process.on('uncaughtException', (error) => void finish(error));
main(checks).then(
	() => finish(),
	(error: Error) => finish(error),
);
