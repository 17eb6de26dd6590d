/**
 * One measurement: a workflow run by `n8n execute`, or the fetch floor, against the sandbox,
 * checked against the sandbox's ledger (nothing lost, nothing sent twice) and the output count.
 */
import { join } from 'node:path';

import { nodeOutput, type CredentialImport, type WorkflowJson } from '../e2e/n8n-cli';
import { runCommand, tail } from '../e2e/proc';
import { DEFAULT_CHANNEL_KEY, DEFAULT_PRODUCT_EU, type Sandbox } from '../sandbox/server';
import { checkNodeOutput, checkSent, clearLedger, readLedger } from './ledger';
import type { FloorResult } from './fetch-floor';
import type { MeasuredN8n } from './n8n-process';
import { benchWorkflow, MEASURED_NODE, serialsOf, type Shape, type Target } from './workflows';

export type Kind = Target | 'fetch';

export interface Case {
	/** Short name the ratios look cases up by: 1k, 10k, 100k, array, if1, if4. */
	key: string;
	label: string;
	serials: number;
	shape: Shape;
	latencyMs: number;
	requestsInFlight: number;
	/** Run the node with Dry Run on: its own cost without any request. */
	dryRun?: boolean;
	kinds: Kind[];
}

export interface Measure {
	kind: Kind;
	wallMs: number;
	execMs?: number;
	nodeMs?: number;
	httpMs: number;
	/** CPU time (user + system) of the n8n process, or of the fetch client while it sent. */
	cpuMs: number;
	peakRssMb?: number;
	requests: number;
	problems: string[];
}

export interface BenchContext {
	sandbox: Sandbox;
	n8n: MeasuredN8n;
	credential: CredentialImport;
	batchSize: number;
}

/** A run of one kind of one case, with its own serial prefix, ready to import or send. */
export interface Planned {
	testCase: Case;
	kind: Kind;
	rep: number;
	prefix: string;
	workflow?: WorkflowJson;
}

let planned = 0;

export function plan(ctx: BenchContext, testCase: Case, kind: Kind, rep: number): Planned {
	// B + 3 base-36 digits + S + 7 digits: 12 characters, distinct for every run of the bench.
	const prefix = `B${(planned++).toString(36).toUpperCase().padStart(3, '0')}S`;
	const run: Planned = { testCase, kind, rep, prefix };
	if (kind !== 'fetch') {
		run.workflow = benchWorkflow(
			{
				serials: testCase.serials,
				shape: testCase.shape,
				target: kind,
				prefix,
				batchSize: ctx.batchSize,
				requestsInFlight: testCase.requestsInFlight,
				dryRun: testCase.dryRun,
			},
			ctx.credential,
		);
	}
	return run;
}

export async function measure(ctx: BenchContext, run: Planned): Promise<Measure> {
	const { sandbox, batchSize } = ctx;
	const { testCase, kind } = run;
	const label = `${testCase.label} / ${kind} / rep ${run.rep}`;
	const expected = serialsOf({ prefix: run.prefix, serials: testCase.serials });
	clearLedger(sandbox);
	sandbox.configure({ latencyMs: testCase.latencyMs });
	if (kind === 'fetch') {
		const floor = await fetchFloor(ctx, run);
		const ledger = readLedger(sandbox);
		const problems = checkSent(ledger, DEFAULT_PRODUCT_EU, expected, batchSize, label);
		if (floor.confirmed !== expected.length) {
			problems.push(`${label}: ${floor.confirmed} confirmed, expected ${expected.length}`);
		}
		return {
			kind,
			wallMs: floor.ms,
			httpMs: ledger.httpMs,
			cpuMs: floor.cpuMs,
			requests: ledger.processed,
			problems,
		};
	}

	const execution = await ctx.n8n.execute(run.workflow!.id!);
	const ledger = readLedger(sandbox);
	const problems: string[] = [];
	const runError = execution.run?.data.resultData.error?.message;
	if (execution.code !== 0 || !execution.run || runError) {
		problems.push(
			`${label}: n8n execute failed (exit ${execution.code}${runError ? `: ${runError}` : ''})\n${tail(execution.output, 15)}`,
		);
	}
	const items = execution.run ? nodeOutput(execution.run, MEASURED_NODE) : [];
	if (kind === 'movilitas' && testCase.dryRun) {
		if (ledger.processed + ledger.refused + ledger.authCalls > 0)
			problems.push(`${label}: a dry run sent requests`);
		problems.push(...checkNodeOutput(items, expected, label, 'Validated'));
	} else if (kind === 'movilitas') {
		problems.push(...checkSent(ledger, DEFAULT_PRODUCT_EU, expected, batchSize, label));
		problems.push(...checkNodeOutput(items, expected, label));
	} else {
		const want = testCase.shape === 'perItem' ? testCase.serials : 1;
		if (items.length !== want) problems.push(`${label}: ${items.length} items, expected ${want}`);
		if (ledger.processed + ledger.refused > 0)
			problems.push(`${label}: No Operation sent requests`);
	}
	return {
		kind,
		wallMs: execution.wallMs,
		execMs: execution.execMs,
		nodeMs: execution.nodeMs[MEASURED_NODE],
		httpMs: ledger.httpMs,
		cpuMs: execution.cpuMs,
		peakRssMb: execution.peakRssMb,
		requests: ledger.processed,
		problems,
	};
}

async function fetchFloor(ctx: BenchContext, run: Planned): Promise<FloorResult> {
	const args = [
		join(__dirname, 'fetch-floor.js'),
		ctx.sandbox.url,
		ctx.sandbox.issueToken(),
		DEFAULT_CHANNEL_KEY,
		DEFAULT_PRODUCT_EU,
		run.prefix,
		String(run.testCase.serials),
		String(ctx.batchSize),
		String(run.testCase.requestsInFlight),
	];
	const result = await runCommand(process.execPath, args, { timeoutMs: 600_000 });
	if (result.code !== 0) throw new Error(`fetch floor failed: ${tail(result.stderr)}`);
	return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as FloorResult;
}
