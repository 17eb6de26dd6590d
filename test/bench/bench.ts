/**
 * `npm run bench`: the Movilitas node side by side with n8n's No Operation node and a plain
 * fetch client, in the real n8n of the end-to-end test, against the sandbox on 127.0.0.1.
 * Prints figures and writes docs/benchmark.md; asserts no time, but exits 1 when a serial was
 * lost or sent twice, or a run failed.
 *
 *   npm run bench                    # 3 repetitions, writes docs/benchmark.md
 *   npm run bench -- --reps 5        # more repetitions (or BENCH_REPS=5)
 *   npm run bench -- --ratio-reps 9  # repetitions of the ratios' cases: 100k, if1, if4 (default 7)
 *   npm run bench -- --quick         # 1 repetition, small sizes, docs not written
 *   npm run bench -- --no-write      # print only
 *   npm run bench -- --only 100k,if1 # only these cases (1k 10k 100k dry array if1 if4), docs not written
 *   npm run bench -- --profile       # CPU profiles instead (see profile.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { cleanUpOnSignals, runCleanups } from '../e2e/cleanup';
import { runCommand } from '../e2e/proc';
import { measure, plan, type Case, type Planned } from './measure';
import { runProfile } from './profile';
import { markdown, ratios, type CaseResult } from './report';
import { BATCH_SIZE, importWorkflows, setUp } from './setup';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : undefined;
};
const quick = flag('quick');
const reps = Number(value('reps') ?? process.env.BENCH_REPS ?? (quick ? 1 : 3));
const only = value('only')?.split(',');
// The wall-time ratio compares runs of 5 to 10 s on a shared machine whose speed drifts by more
// than the 10 % it is judged on, and the in-flight ratio clears its goal by a few percent: the
// cases of the issue's ratios get more repetitions than the others.
const ratioReps = Math.max(reps, Number(value('ratio-reps') ?? (quick ? reps : 7)));
const RATIO_CASES = ['100k', 'if1', 'if4'];
const write = !flag('no-write') && !quick && !only;

function cases(): Case[] {
	const big = quick ? 10_000 : 100_000;
	const latencySerials = Number(process.env.BENCH_LATENCY_SERIALS ?? (quick ? 10_000 : big));
	const all = ['movilitas', 'noop', 'fetch'] as const;
	const perItem = (key: string, serials: number): Case => ({
		key,
		label: `${serials.toLocaleString('en')} items × 1 serial`,
		serials,
		shape: 'perItem',
		latencyMs: 0,
		requestsInFlight: 1,
		kinds: [...all],
	});
	const latency = (inFlight: number): Case => ({
		key: `if${inFlight}`,
		label: `${latencySerials.toLocaleString('en')} items, 50 ms latency, in flight ${inFlight}`,
		serials: latencySerials,
		shape: 'perItem',
		latencyMs: 50,
		requestsInFlight: inFlight,
		kinds: ['movilitas', 'fetch'],
	});
	return [
		perItem('1k', 1_000),
		perItem('10k', quick ? 2_000 : 10_000),
		perItem('100k', big),
		{
			...perItem('dry', big),
			label: `${big.toLocaleString('en')} items × 1 serial, Dry Run`,
			dryRun: true,
			kinds: ['movilitas'],
		},
		{
			...perItem('array', big),
			label: `1 item × ${big.toLocaleString('en')} serials`,
			shape: 'oneItem',
		},
		latency(1),
		latency(4),
	];
}

async function commitOf(repoRoot: string): Promise<string> {
	const git = (...gitArgs: string[]) =>
		runCommand('git', gitArgs, { cwd: repoRoot, timeoutMs: 30_000 }).then((r) => r.stdout.trim());
	const commit = await git('rev-parse', '--short', 'HEAD').catch(() => '');
	const changed = await git('status', '--porcelain', '--', 'nodes', 'credentials').catch(() => '');
	return commit ? `${commit}${changed ? ' +changes in nodes/ or credentials/' : ''}` : 'unknown';
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<number> {
	const started = Date.now();
	const loadBefore = loadavg()[0].toFixed(1);
	const ctx = await setUp();
	const { install, n8n, repoRoot } = ctx;
	const list = cases().filter((c) => !only || only.includes(c.key));
	// Repetition-major order spreads the machine's noise over every case alike.
	const runs: Planned[] = [];
	for (let rep = 1; rep <= ratioReps; rep++) {
		for (const testCase of list) {
			if (rep > reps && !RATIO_CASES.includes(testCase.key)) continue;
			for (const kind of testCase.kinds) runs.push(plan(ctx, testCase, kind, rep));
		}
	}
	await importWorkflows(
		n8n,
		runs.flatMap((run) => (run.workflow ? [run.workflow] : [])),
	);
	console.log(
		`n8n ${install.version}, Node ${process.version}, ${cpus().length} CPUs; ${runs.length} runs, ${reps} repetition(s)`,
	);

	const results = new Map<string, CaseResult>(
		list.map((c) => [c.key, { testCase: c, byKind: {} }]),
	);
	const problems: string[] = [];
	for (const run of runs) {
		const m = await measure(ctx, run);
		const result = results.get(run.testCase.key)!;
		(result.byKind[run.kind] ??= []).push(m);
		problems.push(...m.problems);
		console.log(
			`rep ${run.rep} ${run.testCase.label.padEnd(44)} ${run.kind.padEnd(9)} wall ${seconds(m.wallMs)}` +
				(m.execMs !== undefined
					? `, exec ${seconds(m.execMs)}, node ${seconds(m.nodeMs ?? NaN)}`
					: '') +
				`, http ${seconds(m.httpMs)}, cpu ${seconds(m.cpuMs)}, ${m.requests} requests` +
				(m.peakRssMb !== undefined ? `, peak RSS ${m.peakRssMb.toFixed(0)} MiB` : '') +
				(m.problems.length ? `  PROBLEM: ${m.problems.join('; ')}` : ''),
		);
	}
	await runCleanups();

	const ordered = [...results.values()];
	const ratioList = ratios((key) => results.get(key));
	const env = {
		date: new Date().toISOString().slice(0, 10),
		cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
		node: process.version,
		n8n: install.version,
		reps,
		ratioReps: list.some((c) => RATIO_CASES.includes(c.key)) ? ratioReps : reps,
		batchSize: BATCH_SIZE,
		loadBefore,
		loadAfter: loadavg()[0].toFixed(1),
		totalS: (Date.now() - started) / 1000,
		command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
		commit: await commitOf(repoRoot),
	};
	const text = markdown(env, ordered, ratioList, NOTES);
	console.log(`\n${text}`);
	if (problems.length) {
		console.error(`\nFAILED: ${problems.length} problem(s); docs/benchmark.md not written:`);
		for (const problem of problems) console.error(`- ${problem}`);
		return 1;
	}
	if (write) {
		mkdirSync(join(repoRoot, 'docs'), { recursive: true });
		writeFileSync(join(repoRoot, 'docs', 'benchmark.md'), text);
		console.log('Wrote docs/benchmark.md');
	}
	return 0;
}

const NOTES = [
	'- One n8n user folder for the whole benchmark; each run is `n8n execute --id` of its own workflow, a fresh process (start-up, run, saving the execution to sqlite, printing it). The same workflow shape for every run: Manual Trigger → Set (an array of serials, built by an expression) → Split Out (one item per serial; left out for "1 item × N serials") → the node measured. Every run uses serials no other run uses.',
	'- CLI wall: the `n8n execute` process, start to exit. Execution: the stoppedAt − startedAt n8n records for the run (all nodes, without start-up, saving and printing). Measured node: the executionTime n8n records for the Movilitas or No Operation node.',
	'- CPU: user + system CPU time of the n8n process over its whole life (start-up included; its task runner not counted), or of the fetch client while it sent. On a busy machine CPU time grows much less than wall time.',
	"- HTTP phase: at the sandbox, the first decommission request's arrival to the last answer. Throughput ratios divide HTTP phases (same serials).",
	"- fetch floor: a separate Node process posting the same batches with `fetch` to the same sandbox, with a token fetched beforehand (the node reuses the token n8n stored), timed from the first request to the last answer; it reads each answer's statuses by serial.",
	"- Peak RSS: VmHWM of the n8n process, read in its exit handler (n8n's task runner is a separate process, not counted). `n8n execute` writes its output to a file rather than a pipe: through a pipe, n8n exits before a 100,000-item output is fully written.",
	"- The sandbox (test/sandbox/) runs in the benchmark's process on 127.0.0.1, on one thread for all requests. With latency it handles each request when it arrives and holds the answer for the latency (until 2026-12-07 it waited first, then handled: requests that arrived together were handled one after another when their waits ended, and came back bunched). Checks (the benchmark fails on any): every serial in exactly one processed request, requests = ceil(serials / batch size), one successful output item per serial, No Operation passes every item on.",
];

cleanUpOnSignals();
const entry = flag('profile') ? runProfile(args) : main();
entry.then(
	(code) => process.exit(code),
	async (error: Error) => {
		console.error(error.stack ?? error.message);
		await runCleanups();
		process.exit(1);
	},
);
