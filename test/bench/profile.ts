/**
 * `npm run bench -- --profile [--items N] [--where both|n8n|harness] [--dry-run] [--kind noop]`: CPU profiles of the node
 * over N items of one serial each (default 100,000), in the real n8n (its whole `n8n execute`
 * process) and in the test harness (`node --cpu-prof`), each summarised by profile-summary.ts.
 * Profiles are kept in a temporary folder whose path is printed (open them in Chrome DevTools).
 */
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCleanups } from '../e2e/cleanup';
import { runCommand, tail } from '../e2e/proc';
import { clearLedger, readLedger } from './ledger';
import { plan, type Case, type Kind } from './measure';
import { printSummary, summarize } from './profile-summary';
import { importWorkflows, setUp } from './setup';

async function inHarness(dir: string, items: number, dryRun: boolean): Promise<void> {
	const out = join(dir, 'harness');
	mkdirSync(out, { recursive: true });
	const result = await runCommand(
		process.execPath,
		[
			'--cpu-prof',
			`--cpu-prof-dir=${out}`,
			join(__dirname, 'harness-run.js'),
			String(items),
			...(dryRun ? ['--dry-run'] : []),
		],
		{ timeoutMs: 600_000 },
	);
	if (result.code !== 0) throw new Error(`harness run failed:\n${tail(result.stderr)}`);
	console.log(`harness: ${result.stdout.trim()}`);
	const [file] = readdirSync(out).filter((name) => name.endsWith('.cpuprofile'));
	printSummary(
		`Harness (n8n-core WorkflowExecute), ${join(out, file)}`,
		summarize(join(out, file)),
	);
}

async function inN8n(dir: string, items: number, dryRun: boolean, kind: Kind): Promise<void> {
	const out = join(dir, 'n8n');
	mkdirSync(out, { recursive: true });
	const ctx = await setUp(out);
	const testCase: Case = {
		key: 'profile',
		label: `${items} items`,
		serials: items,
		shape: 'perItem',
		latencyMs: 0,
		requestsInFlight: 1,
		dryRun,
		kinds: [kind],
	};
	// A first run pays for the token and warms nothing else (each run is a new process).
	const runs = [plan(ctx, testCase, kind, 1), plan(ctx, testCase, kind, 2)];
	await importWorkflows(
		ctx.n8n,
		runs.map((run) => run.workflow!),
	);
	for (const run of runs) {
		clearLedger(ctx.sandbox);
		const execution = await ctx.n8n.execute(run.workflow!.id!);
		const ledger = readLedger(ctx.sandbox);
		console.log(
			`n8n run ${run.rep}: exit ${execution.code}, wall ${execution.wallMs} ms, execution ${execution.execMs} ms, node ${execution.nodeMs.Measured} ms, ${ledger.processed} requests, profile ${execution.profile}`,
		);
		if (run.rep === runs.length && execution.profile) {
			printSummary(
				`n8n ${ctx.install.version} (whole n8n execute process)`,
				summarize(execution.profile),
			);
		}
	}
	await runCleanups();
}

export async function runProfile(args: string[]): Promise<number> {
	const value = (name: string) => {
		const at = args.indexOf(`--${name}`);
		return at >= 0 ? args[at + 1] : undefined;
	};
	const items = Number(value('items') ?? 100_000);
	const where = value('where') ?? 'both';
	const dryRun = args.includes('--dry-run');
	const kind = (value('kind') ?? 'movilitas') as Kind;
	const dir = mkdtempSync(join(tmpdir(), 'movilitas-bench-profile-'));
	console.log(
		`CPU profiles of the node over ${items} items${dryRun ? ' (Dry Run)' : ''} go to ${dir}`,
	);
	if (where !== 'n8n') await inHarness(dir, items, dryRun);
	if (where !== 'harness') await inN8n(dir, items, dryRun, kind);
	return 0;
}
