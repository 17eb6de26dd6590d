/**
 * `npm run test:faults`: the node in n8n-core's engine against the sandbox under every fault,
 * each run reconciled with the sandbox's ledger (README, "Fault suite"). Exit code 1 when any
 * scenario lost, misreported, duplicated or leaked anything.
 *
 *   FAULTS_SEED=123 npm run test:faults        # replay a run (the seed is printed)
 *   FAULTS_ONLY=redirect npm run test:faults   # scenarios whose name contains a text
 *   FAULTS_SERIALS=2000 npm run test:faults    # smaller runs while developing (default 10000)
 */
import '../harness/user-folder';

import { performance } from 'node:perf_hooks';

import { shutdownHarness } from '../harness';
import { BATCH_SIZE, runScenario, type ScenarioResult } from './run-scenario';
import { SCENARIOS } from './scenarios';
import { reasons, table } from './table';

function wholeNumber(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number (got "${raw}")`);
	return Number(raw);
}

async function main(): Promise<number> {
	const seed = wholeNumber('FAULTS_SEED', Math.floor(Math.random() * 1_000_000));
	const serials = wholeNumber('FAULTS_SERIALS', 10_000);
	const only = (process.env.FAULTS_ONLY ?? '').toLowerCase();
	const chosen = SCENARIOS.filter((s) => s.name.toLowerCase().includes(only));
	if (chosen.length === 0) throw new Error(`No scenario name contains "${only}"`);
	console.log(
		`Fault suite: seed ${seed} (replay with FAULTS_SEED=${seed}), ${serials} serials per run, batch size ${BATCH_SIZE}, ${chosen.length} scenarios`,
	);
	const started = performance.now();
	const results: ScenarioResult[] = [];
	for (const [index, scenario] of SCENARIOS.entries()) {
		if (!chosen.includes(scenario)) continue;
		// Each scenario has its own seed, derived from the run's, so one can be replayed alone.
		const result = await runScenario(scenario, seed + index, serials);
		results.push(result);
		console.log(
			`  ${result.findings.failed ? 'FAIL' : 'ok  '} ${scenario.name} (${result.seconds.toFixed(1)} s)`,
		);
	}
	await shutdownHarness();
	console.log('');
	for (const line of table(results)) console.log(line);
	const failed = results.filter((r) => r.findings.failed).length;
	const details = reasons(results);
	if (details.length > 0) {
		console.log('');
		for (const line of details) console.log(line);
	}
	console.log('');
	console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	return failed > 0 ? 1 : 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: Error) => {
		console.error(`fault suite: ${error.stack ?? error.message}`);
		process.exitCode = 2;
	},
);
