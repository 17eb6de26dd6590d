/** The figures the queue-mode test prints, and the log tails it prints after a failure. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Sandbox } from '../sandbox/server';
import { requestedSerials } from '../e2e/checks';
import { tail } from '../e2e/proc';
import { log } from '../e2e/settings';
import type { ExecutionOutput, TokenFigures } from './checks';
import { startedBy } from './checks';
import { CALLS, SERIALS_PER_CALL, TOKEN_USES } from './settings';

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface Timing {
	startup: number;
	warmup: number;
	answered: number;
	burst: number;
	total: number;
}

/**
 * Which worker saw the expired token: each refused request is traced through its serials to the
 * execution that sent it and the worker that ran that execution. Also how far apart the
 * refusals were.
 */
export function refreshFigures(
	sandbox: Sandbox,
	outputs: ExecutionOutput[],
	workerLogs: Record<string, string>,
): string {
	const executionOf = new Map<string, string>();
	for (const { id, items } of outputs) {
		for (const item of items) executionOf.set(String(item.serial_number), id);
	}
	const started = startedBy(workerLogs);
	const refused = sandbox.state.requests.filter(
		(r) => r.route === 'decommission' && r.status === 401,
	);
	const byWorker: Record<string, number> = {};
	for (const request of refused) {
		const execution = executionOf.get(requestedSerials([request])[0]);
		const worker = (execution && started.get(execution)?.[0]) ?? 'unknown';
		byWorker[worker] = (byWorker[worker] ?? 0) + 1;
	}
	if (refused.length === 0) return 'no request was refused';
	const spread = refused[refused.length - 1].at - refused[0].at;
	const workers = Object.entries(byWorker)
		.map(([name, count]) => `${name} ${count}`)
		.join(', ');
	return `${refused.length} requests refused within ${spread} ms (${workers})`;
}

export function printSummary(
	executions: number,
	perWorker: Record<string, number>,
	tokens: TokenFigures,
	refreshes: string,
	timing: Timing,
): void {
	log('');
	const workers = Object.entries(perWorker)
		.map(([name, count]) => `${name} ${count}`)
		.join(', ');
	log(`Executions: ${executions} (1 warm-up + ${CALLS} at once); ${workers}`);
	log(
		`Serials: ${executions * SERIALS_PER_CALL} (${SERIALS_PER_CALL} per call); each token served ${TOKEN_USES} requests, then expired`,
	);
	log(
		`Token calls: ${tokens.warmupCalls + tokens.burstCalls} (warm-up ${tokens.warmupCalls}, burst ${tokens.burstCalls}) for ${tokens.expiries} expiries; ${tokens.tokensUsed} distinct tokens served accepted requests`,
	);
	log(`Expired token seen: ${refreshes}`);
	log(
		`Wall time: total ${seconds(timing.total)}; n8n start ${seconds(timing.startup)}; warm-up ${seconds(timing.warmup)}; burst ${seconds(timing.burst)} (webhooks answered in ${seconds(timing.answered)}); ${Math.round((CALLS * SERIALS_PER_CALL) / (timing.burst / 1000))} serials/s`,
	);
	log(`Date: ${new Date().toISOString()}`);
}

/** The last lines of each log, with every known secret masked. */
export function printLogTails(dir: string, secrets: string[]): void {
	try {
		for (const file of readdirSync(dir)) {
			let text = tail(readFileSync(join(dir, file), 'utf8'), 15);
			for (const secret of secrets) if (secret) text = text.split(secret).join('***');
			log(`--- last lines of ${file}`);
			log(text);
		}
	} catch {
		// the folder may be gone already
	}
}

/** With N8N_QUEUE_TIMELINE=1: every refusal, token call and token change, in ms from the first refusal. */
export function printTimeline(sandbox: Sandbox): void {
	if (process.env.N8N_QUEUE_TIMELINE !== '1') return;
	const requests = sandbox.state.requests;
	const first = requests.find((r) => r.status === 401);
	if (!first) return;
	const tokenName = (token: string | undefined) =>
		token ? `T${sandbox.state.tokensIssued.indexOf(token) + 1}` : '-';
	for (const r of requests.filter((r) => r.at >= first.at - 50 && r.at <= first.at + 2000)) {
		const what =
			r.route === 'auth'
				? 'token call'
				: `${r.status} with ${tokenName(r.headers['x-access-token'])}`;
		log(`  +${r.at - first.at} ms ${what}`);
	}
}
