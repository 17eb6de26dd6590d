/**
 * End-to-end test: the packed package installed as a community package into a real n8n
 * (see install-n8n.ts), example workflows run with `n8n execute` against the local Movilitas
 * sandbox. Each scenario (scenarios/) gets a fresh sandbox and a fresh N8N_USER_FOLDER.
 *
 * `--n8n <version>|all` picks the n8n versions (matrix.ts). Prints PASS/FAIL per scenario, a
 * PASS/FAIL line per version and a last line "N passed, M failed" (scenarios for one version,
 * versions for several); exits 1 on any failure. Environment: see test/e2e/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Checks } from './checks';
import { cleanUpOnSignals, onCleanup, runCleanups } from './cleanup';
import { withEnvironment, type Scenario, type Shared } from './environment';
import { checkCredentialFixture } from './credentials';
import { ensureN8n, type N8nInstall } from './install-n8n';
import { parseTargets, recordRuns, UsageError, type N8nTarget } from './matrix';
import type { Timing } from './n8n-cli';
import { findRepoRoot, packProject } from './pack';
import { scenarios } from './scenarios';
import { CREDENTIAL_TYPE, log, only, totalTimeoutMs, verbose } from './settings';
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

interface VersionResult {
	target: N8nTarget;
	/** The Node version it ran on, e.g. v24.21.0. */
	node: string;
	line: string;
	ok: boolean;
	/** Whether each scenario passed; [false] when n8n could not be installed. */
	scenarios: boolean[];
}

/** Installs (or reuses) one n8n version and runs every scenario in it. */
async function runVersion(
	target: N8nTarget,
	tarball: string,
	examples: Shared['examples'],
): Promise<VersionResult> {
	const started = Date.now();
	const node = target.node === 'system' ? process.version : `v${target.node}`;
	const label = `n8n ${target.n8n} on Node ${node}`;
	log(`\n== ${label}`);
	let install: N8nInstall;
	try {
		install = await ensureN8n(log, target);
	} catch (error) {
		log(`FAIL install: ${(error as Error).message}`);
		const line = `FAIL ${label}: install failed (${seconds(Date.now() - started)})`;
		return { target, node, ok: false, line, scenarios: [false] };
	}
	const how = install.installed ? `installed in ${seconds(install.durationMs)}` : 'cached';
	log(`n8n ${install.version} (${how}) at ${install.root}, Node ${install.node.version}`);

	const shared: Shared = { install, tarball, examples, timings: [] };
	const outcomes: boolean[] = [];
	for (const scenario of scenarios) {
		if (only && !scenario.name.toLowerCase().includes(only.toLowerCase())) continue;
		outcomes.push(await runScenario(shared, scenario));
	}
	log(`Timings: ${summarizeTimings(shared.timings)}`);
	const passed = outcomes.filter(Boolean).length;
	const failed = outcomes.length - passed;
	const ok = failed === 0 && passed > 0;
	const line =
		`${ok ? 'PASS' : 'FAIL'} n8n ${install.version} on Node ${install.node.version}: ` +
		`${passed} passed, ${failed} failed (n8n ${how}; ${seconds(Date.now() - started)})`;
	return { target, node, ok, line, scenarios: outcomes };
}

async function main(): Promise<number> {
	const started = Date.now();
	const targets = parseTargets(process.argv.slice(2));
	const timeoutMs = totalTimeoutMs(targets.length);
	const watchdog = setTimeout(() => {
		console.error(`\nEnd-to-end test still running after ${seconds(timeoutMs)}: giving up.`);
		void runCleanups().finally(() => {
			console.log('0 passed, 1 failed');
			process.exit(1);
		});
	}, timeoutMs);
	watchdog.unref();

	const repoRoot = findRepoRoot();
	const packDir = mkdtempSync(join(tmpdir(), 'movilitas-e2e-pack-'));
	onCleanup(() => rmSync(packDir, { recursive: true, force: true }));
	const tarball = await packProject(repoRoot, packDir);
	const fields = await checkCredentialFixture(repoRoot);
	const examples = loadExamples(repoRoot);
	const sources = Object.values(examples).map((example) => example.source);
	log(`Package ${tarball.split('/').pop()}; example workflows ${sources.join(', ')}`);
	log(`Credential fixture fields (all on ${CREDENTIAL_TYPE}): ${fields.join(', ')}`);

	const results: VersionResult[] = [];
	for (const target of targets) {
		const result = await runVersion(target, tarball, examples);
		log(result.line);
		results.push(result);
	}
	await runCleanups();
	clearTimeout(watchdog);
	// A run of some scenarios only (N8N_E2E_ONLY) says nothing about the version as a whole.
	if (!only) recordRuns(results);

	if (targets.length > 1) {
		log(`\nSummary (total ${seconds(Date.now() - started)}):`);
		for (const result of results) log(`  ${result.line}`);
	} else {
		log(`Total ${seconds(Date.now() - started)}`);
	}
	// One version: the scenarios; several: the versions.
	const counted = targets.length > 1 ? results.map((r) => r.ok) : results[0].scenarios;
	const passed = counted.filter(Boolean).length;
	console.log(`${passed} passed, ${counted.length - passed} failed`);
	return counted.length > 0 && passed === counted.length ? 0 : 1;
}

cleanUpOnSignals();
main().then(
	(code) => process.exit(code),
	async (error: Error) => {
		// The stack only helps with a crash of the test itself: shown with N8N_E2E_VERBOSE=1.
		const shown = verbose && !(error instanceof UsageError) ? error.stack : error.message;
		console.error(`End-to-end test could not run: ${shown}`);
		await runCleanups();
		console.log('0 passed, 1 failed');
		process.exit(1);
	},
);
