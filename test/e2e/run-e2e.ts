/**
 * End-to-end test: the packed package installed as a community package into a real n8n
 * (see install-n8n.ts), example workflows run with `n8n execute` against the local Movilitas
 * sandbox. Each scenario (scenarios/) gets a fresh sandbox and a fresh N8N_USER_FOLDER.
 *
 * Prints PASS/FAIL per scenario and a last line "N passed, M failed"; exits 1 on any failure.
 * Environment: see test/e2e/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Checks } from './checks';
import { cleanUpOnSignals, onCleanup, runCleanups } from './cleanup';
import { withEnvironment, type Scenario, type Shared } from './environment';
import { ensureN8n } from './install-n8n';
import type { Timing } from './n8n-cli';
import { findRepoRoot, packProject } from './pack';
import { scenarios } from './scenarios';
import { log, only, TOTAL_TIMEOUT_MS, verbose } from './settings';
import { loadExamples } from './workflow-prep';

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

function summarizeTimings(timings: Timing[]): string {
	const byCommand = new Map<string, number[]>();
	for (const timing of timings) {
		byCommand.set(timing.command, [...(byCommand.get(timing.command) ?? []), timing.ms]);
	}
	return [...byCommand.entries()]
		.map(([command, list]) => {
			const mean = list.reduce((a, b) => a + b, 0) / list.length;
			return `${command} ${seconds(mean)} avg (${list.length}x)`;
		})
		.join(', ');
}

/** Runs one scenario in its own environment, prints PASS or FAIL; true when it passed. */
async function runScenario(shared: Shared, scenario: Scenario): Promise<boolean> {
	const checks = new Checks();
	const started = Date.now();
	let crash: Error | undefined;
	try {
		await withEnvironment(shared, checks, scenario.sandbox ?? {}, scenario.run);
	} catch (error) {
		crash = error as Error;
	}
	const problems = [...checks.failed, ...(crash ? [`error: ${crash.message}`] : [])];
	const passed = problems.length === 0 && checks.results.length > 0;
	if (passed) {
		log(
			`PASS ${scenario.name} (${checks.results.length} checks, ${seconds(Date.now() - started)})`,
		);
	} else {
		log(`FAIL ${scenario.name} (${seconds(Date.now() - started)})`);
		if (checks.results.length === 0 && !crash) problems.push('no check ran');
		for (const problem of problems) log(`     - ${problem.split('\n').join('\n       ')}`);
	}
	if (verbose) {
		for (const result of checks.results)
			log(`     ${result.ok ? 'ok  ' : 'FAIL'} ${result.message}`);
	}
	return passed;
}

async function main(): Promise<number> {
	const started = Date.now();
	const watchdog = setTimeout(() => {
		console.error(`\nEnd-to-end test still running after ${seconds(TOTAL_TIMEOUT_MS)}: giving up.`);
		void runCleanups().finally(() => {
			console.log('0 passed, 1 failed');
			process.exit(1);
		});
	}, TOTAL_TIMEOUT_MS);
	watchdog.unref();

	const repoRoot = findRepoRoot();
	const install = await ensureN8n(log);
	log(
		`n8n ${install.version}: ${install.installed ? `installed in ${seconds(install.durationMs)}` : 'cached'} at ${install.root}`,
	);
	const packDir = mkdtempSync(join(tmpdir(), 'movilitas-e2e-pack-'));
	onCleanup(() => rmSync(packDir, { recursive: true, force: true }));
	const tarball = await packProject(repoRoot, packDir);
	const examples = loadExamples(repoRoot);
	const sources = Object.values(examples).map((example) => example.source);
	log(`Package ${tarball.split('/').pop()}; example workflows ${sources.join(', ')}`);

	const shared: Shared = { install, tarball, examples, timings: [] };
	let passed = 0;
	let failed = 0;
	for (const scenario of scenarios) {
		if (only && !scenario.name.toLowerCase().includes(only.toLowerCase())) continue;
		if (await runScenario(shared, scenario)) passed++;
		else failed++;
	}

	await runCleanups();
	clearTimeout(watchdog);
	log(`Timings: ${summarizeTimings(shared.timings)}; total ${seconds(Date.now() - started)}`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

cleanUpOnSignals();
main().then(
	(code) => process.exit(code),
	async (error: Error) => {
		console.error(`End-to-end test could not run: ${error.stack ?? error.message}`);
		await runCleanups();
		console.log('0 passed, 1 failed');
		process.exit(1);
	},
);
