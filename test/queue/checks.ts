/**
 * The checks of the queue-mode run: executions (PostgreSQL), which worker ran them (worker
 * logs), what the sandbox was sent and holds, the token calls and the stored token, secrets.
 */
import type { RecordedRequest, Sandbox } from '../sandbox/server';
import type { Checks } from '../e2e/checks';
import { requestedSerials } from '../e2e/checks';
import type { ExecutionRow } from './database';
import { MAX_TOKEN_CALLS_PER_EXPIRY } from './settings';
import { PRODUCT_CODE } from './workflow';

export interface ExecutionOutput {
	id: string;
	items: Array<Record<string, unknown>>;
}

/** Every execution succeeded, and each one decommissioned exactly the serials of one call. */
export function checkExecutions(
	checks: Checks,
	rows: ExecutionRow[],
	outputs: ExecutionOutput[],
	calls: string[][],
): void {
	checks.equal(rows.length, calls.length, 'one execution per webhook call');
	checks.equal(
		rows.filter((row) => row.status !== 'success').map((row) => `${row.id}: ${row.status}`),
		[],
		'every execution finished with status success (PostgreSQL execution_entity)',
	);
	const callBySerial = new Map<string, number>();
	calls.forEach((serials, call) => serials.forEach((serial) => callBySerial.set(serial, call)));
	const matched = new Map<number, string[]>();
	const wrong: string[] = [];
	for (const { id, items } of outputs) {
		const serials = items.map((item) => String(item.serial_number));
		const call = callBySerial.get(serials[0]);
		const expected = call === undefined ? [] : calls[call];
		const bad = items.filter((item) => item.success !== true || item.status !== 'Decommissioned');
		if (
			call === undefined ||
			serials.length !== expected.length ||
			new Set(serials).size !== serials.length ||
			serials.some((s) => callBySerial.get(s) !== call)
		) {
			wrong.push(`execution ${id}: ${serials.length} items that are not the serials of one call`);
		} else if (bad.length > 0) {
			wrong.push(
				`execution ${id}: ${bad.length} items not Decommissioned, e.g. ${JSON.stringify(bad[0])}`,
			);
		}
		if (call !== undefined) matched.set(call, [...(matched.get(call) ?? []), id]);
	}
	checks.equal(
		wrong,
		[],
		'each execution put out one item per serial of its call, each success: true, status Decommissioned',
	);
	checks.equal(
		calls.map((_, call) => matched.get(call)?.length ?? 0).filter((n) => n !== 1).length,
		0,
		'each webhook call was run by exactly one execution',
	);
}

/** Which worker started each execution, from the lines "Worker started execution <id>". */
export function startedBy(logs: Record<string, string>): Map<string, string[]> {
	const started = new Map<string, string[]>();
	for (const [name, output] of Object.entries(logs)) {
		for (const match of output.matchAll(/Worker started execution (\d+)/g)) {
			started.set(match[1], [...(started.get(match[1]) ?? []), name]);
		}
	}
	return started;
}

export function checkWorkers(
	checks: Checks,
	rows: ExecutionRow[],
	workerLogs: Record<string, string>,
	mainLog: string,
): Record<string, number> {
	const started = startedBy(workerLogs);
	const perWorker = Object.fromEntries(
		Object.keys(workerLogs).map((name) => [
			name,
			[...started.values()].filter((by) => by.includes(name)).length,
		]),
	);
	checks.ok(
		Object.values(perWorker).every((count) => count > 0),
		`both workers ran executions (${Object.entries(perWorker)
			.map(([name, n]) => `${name}: ${n}`)
			.join(', ')})`,
	);
	checks.equal(
		rows
			.filter((row) => started.get(row.id)?.length !== 1)
			.map((row) => `${row.id}: ${started.get(row.id)?.join(' + ') ?? 'no worker'}`),
		[],
		'every execution was started by exactly one worker',
	);
	checks.ok(!/Worker started execution/.test(mainLog), 'main ran no execution itself');
	return perWorker;
}

/** Every serial was in exactly one request Movilitas accepted, and is Decommissioned there. */
export function checkSandboxSerials(checks: Checks, sandbox: Sandbox, calls: string[][]): void {
	const decommission = sandbox.state.requests.filter((r) => r.route === 'decommission');
	const accepted = requestedSerials(decommission.filter((r) => r.status === 200));
	const times = new Map<string, number>();
	for (const serial of accepted) times.set(serial, (times.get(serial) ?? 0) + 1);
	const all = calls.flat();
	const notOnce = all.filter((serial) => times.get(serial) !== 1);
	checks.equal(
		notOnce.slice(0, 5).map((serial) => `${serial}: ${times.get(serial) ?? 0} times`),
		[],
		`every one of the ${all.length} serials was in exactly one accepted decommission request${notOnce.length > 5 ? ` (${notOnce.length} were not)` : ''}`,
	);
	checks.equal(
		accepted.length,
		all.length,
		'accepted requests held no serial beyond those sent to the webhook',
	);
	const notDone = all.filter(
		(serial) => sandbox.state.serialStatus(PRODUCT_CODE, serial) !== 'Decommissioned',
	);
	checks.equal(notDone.length, 0, 'the sandbox holds every serial as Decommissioned');
	checks.equal(
		decommission
			.filter((r) => r.status !== 200 && r.status !== 401)
			.map((r) => `${r.status}${r.dropped ? ' dropped' : ''}`),
		[],
		'no decommission request was answered other than 200 or 401 (token expired)',
	);
}

export interface TokenFigures {
	warmupCalls: number;
	burstCalls: number;
	expiries: number;
	refused: number;
	tokensUsed: number;
}

/**
 * Token calls: one for the warm-up, and during the burst at most a few per expiry, never one per
 * execution. An expiry is a token the sandbox refused as used up.
 */
export function checkTokenCalls(
	checks: Checks,
	sandbox: Sandbox,
	burstFrom: number,
	executions: number,
): TokenFigures {
	const requests = sandbox.state.requests;
	const warmup = requests.slice(0, burstFrom);
	const burst = requests.slice(burstFrom);
	const isAuth = (r: RecordedRequest) => r.route === 'auth';
	const refused = requests.filter((r) => r.route === 'decommission' && r.status === 401);
	const figures: TokenFigures = {
		warmupCalls: warmup.filter(isAuth).length,
		burstCalls: burst.filter(isAuth).length,
		expiries: new Set(refused.map((r) => r.headers['x-access-token'])).size,
		refused: refused.length,
		tokensUsed: new Set(
			requests
				.filter((r) => r.route === 'decommission' && r.status === 200)
				.map((r) => r.headers['x-access-token']),
		).size,
	};
	checks.equal(figures.warmupCalls, 1, 'warm-up call: one /v1/api_auth call');
	checks.ok(
		figures.expiries >= 1,
		`the sandbox expired a token during the run (${figures.expiries} tokens used up, ${figures.refused} requests refused)`,
	);
	const limit = MAX_TOKEN_CALLS_PER_EXPIRY * figures.expiries;
	checks.ok(
		figures.burstCalls <= limit && figures.burstCalls < executions,
		`burst: ${figures.burstCalls} /v1/api_auth calls for ${figures.expiries} expiries (at most ${MAX_TOKEN_CALLS_PER_EXPIRY} per expiry, fewer than the ${executions} executions)`,
	);
	checks.ok(
		figures.burstCalls <= figures.refused,
		`no token call without a refused request (${figures.burstCalls} calls, ${figures.refused} refusals)`,
	);
	checks.ok(
		requests
			.filter((r) => r.route === 'decommission')
			.every((r) => sandbox.state.tokensIssued.includes(r.headers['x-access-token'])),
		'every decommission request carried a token the sandbox issued',
	);
	return figures;
}

export function checkStoredToken(checks: Checks, sandbox: Sandbox, stored: unknown): void {
	const issued = sandbox.state.tokensIssued;
	const index = typeof stored === 'string' ? issued.indexOf(stored) : -1;
	checks.ok(
		index > 0,
		`the credential holds a refreshed token (export:credentials --decrypted: ${index < 0 ? 'not an issued token' : `token ${index + 1} of ${issued.length} issued`})`,
	);
}

/** Secrets found in the given texts, by the text's name (a secret is shown by its length only). */
export function checkNoSecrets(
	checks: Checks,
	texts: Record<string, string>,
	secrets: Record<string, string[]>,
): void {
	const found: string[] = [];
	for (const [source, text] of Object.entries(texts)) {
		for (const [kind, values] of Object.entries(secrets)) {
			const hits = values.filter((value) => value && text.includes(value)).length;
			if (hits) found.push(`${source}: ${hits} ${kind}`);
		}
	}
	checks.equal(
		found,
		[],
		`no log line holds a secret (${Object.keys(texts).length} logs searched for ${Object.values(secrets).flat().length} secrets)`,
	);
}
