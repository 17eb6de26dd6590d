/** Medians of the repetitions, the ratios issue 10 asks for, and docs/benchmark.md. */
import type { Case, Kind, Measure } from './measure';

export interface CaseResult {
	testCase: Case;
	byKind: Partial<Record<Kind, Measure[]>>;
}

export interface Environment {
	date: string;
	cpus: string;
	node: string;
	n8n: string;
	reps: number;
	/** Repetitions of the 100,000-item case, whose medians give the ratios. */
	ratioReps: number;
	batchSize: number;
	loadBefore: string;
	loadAfter: string;
	totalS: number;
	command: string;
	/** The package's commit, with '+changes' when the work tree differs from it. */
	commit: string;
}

export function median(values: number[]): number {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

type Field = 'wallMs' | 'execMs' | 'nodeMs' | 'httpMs' | 'cpuMs' | 'peakRssMb' | 'requests';

function med(result: CaseResult | undefined, kind: Kind, field: Field): number {
	return median((result?.byKind[kind] ?? []).map((m) => m[field] ?? NaN));
}

const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const mib = (mb: number) => (Number.isFinite(mb) ? mb.toFixed(0) : '–');
const ratio = (r: number) => (Number.isFinite(r) ? r.toFixed(3) : '–');

const KIND_LABEL: Record<Kind, string> = {
	movilitas: 'Movilitas node',
	noop: 'No Operation',
	fetch: 'fetch floor',
};

function table(results: CaseResult[]): string[] {
	const lines = [
		'| Case | Run | CLI wall s | Execution s | Measured node s | HTTP phase s | CPU s | Peak RSS MiB | Requests | Wall min–max s |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const result of results) {
		for (const kind of result.testCase.kinds) {
			const walls = (result.byKind[kind] ?? []).map((m) => m.wallMs);
			lines.push(
				`| ${result.testCase.label} | ${KIND_LABEL[kind]} | ${s(med(result, kind, 'wallMs'))} | ${s(med(result, kind, 'execMs'))} | ${s(med(result, kind, 'nodeMs'))} | ${s(med(result, kind, 'httpMs'))} | ${s(med(result, kind, 'cpuMs'))} | ${mib(med(result, kind, 'peakRssMb'))} | ${med(result, kind, 'requests')} | ${s(Math.min(...walls))}–${s(Math.max(...walls))} |`,
			);
		}
	}
	return lines;
}

export interface Ratio {
	name: string;
	value: number;
	target: string;
	met: boolean;
	how: string;
}

export function ratios(find: (key: string) => CaseResult | undefined): Ratio[] {
	const big = find('100k');
	const ten = find('10k');
	const bigLabel = big?.testCase.label ?? '?';
	const scale = `${big?.testCase.serials.toLocaleString('en')} ÷ ${ten?.testCase.serials.toLocaleString('en')} items`;
	const if1 = find('if1');
	const if4 = find('if4');
	const out: Ratio[] = [];
	// A ratio of cases left out (--only) is left out too.
	const add = (name: string, value: number, target: string, met: boolean, how: string) => {
		if (Number.isFinite(value)) out.push({ name, value, target, met, how });
	};
	const floor = med(big, 'fetch', 'wallMs');
	const wallRatio = med(big, 'movilitas', 'wallMs') / (med(big, 'noop', 'wallMs') + floor);
	add(
		`node ÷ (No Operation + fetch floor), CLI wall, ${bigLabel}`,
		wallRatio,
		'≤ 1.10',
		wallRatio <= 1.1,
		'n8n execute process time, start to exit',
	);
	// Each repetition runs the three back to back: a slow spell of the machine weighs on all of
	// them, and the repetition's own ratio leaves it out.
	const kindRuns = (kind: Kind) => big?.byKind[kind] ?? [];
	const perRep = kindRuns('movilitas').map(
		(m, i) =>
			m.wallMs / ((kindRuns('noop')[i]?.wallMs ?? NaN) + (kindRuns('fetch')[i]?.wallMs ?? NaN)),
	);
	const repRatio = median(perRep);
	add(
		`node ÷ (No Operation + fetch floor), CLI wall, median of each repetition's ratio, ${bigLabel}`,
		repRatio,
		'(for information)',
		true,
		`the same runs paired by repetition (${perRep.map(ratio).join(', ')})`,
	);
	const execRatio = med(big, 'movilitas', 'execMs') / (med(big, 'noop', 'execMs') + floor);
	add(
		`node ÷ (No Operation + fetch floor), execution time, ${bigLabel}`,
		execRatio,
		'≤ 1.10',
		execRatio <= 1.1,
		"the run's stoppedAt − startedAt",
	);
	const cpuRatio =
		med(big, 'movilitas', 'cpuMs') / (med(big, 'noop', 'cpuMs') + med(big, 'fetch', 'cpuMs'));
	add(
		`node ÷ (No Operation + fetch floor), CPU time, ${bigLabel}`,
		cpuRatio,
		'(for information)',
		true,
		'user + system CPU of the n8n process, and of the fetch client: less sensitive to a busy machine than wall time',
	);
	const rss = med(big, 'movilitas', 'peakRssMb') / med(big, 'noop', 'peakRssMb');
	add(
		`peak RSS node ÷ No Operation, ${bigLabel}`,
		rss,
		'≤ 1.25',
		rss <= 1.25,
		'VmHWM of the n8n process at exit',
	);
	const scaleWall = med(big, 'movilitas', 'wallMs') / med(ten, 'movilitas', 'wallMs');
	add(`node ${scale}, CLI wall`, scaleWall, '≤ 11', scaleWall <= 11, 'n8n execute process time');
	const scaleExec = med(big, 'movilitas', 'execMs') / med(ten, 'movilitas', 'execMs');
	add(`node ${scale}, execution time`, scaleExec, '≤ 11', scaleExec <= 11, 'stoppedAt − startedAt');
	const flight = med(if1, 'movilitas', 'httpMs') / med(if4, 'movilitas', 'httpMs');
	add(
		'in flight 4 ÷ 1 throughput, node, 50 ms latency',
		flight,
		'≥ 3.5',
		flight >= 3.5,
		'serials ÷ HTTP phase (first request in to last answer out, at the sandbox)',
	);
	const flightExec = med(if1, 'movilitas', 'execMs') / med(if4, 'movilitas', 'execMs');
	add(
		'in flight 4 ÷ 1, node, whole execution, 50 ms latency',
		flightExec,
		'(for information)',
		true,
		'stoppedAt − startedAt',
	);
	const floorFlight = med(if1, 'fetch', 'httpMs') / med(if4, 'fetch', 'httpMs');
	add(
		'in flight 4 ÷ 1 throughput, fetch floor, 50 ms latency',
		floorFlight,
		'(for information)',
		true,
		'same measure as the node',
	);
	return out;
}

export function markdown(
	env: Environment,
	results: CaseResult[],
	list: Ratio[],
	notes: string[],
): string {
	const lines = [
		'# Benchmark: the Movilitas node in a real n8n',
		'',
		'Written by `npm run bench` (test/bench/). Do not edit by hand: run it again.',
		'',
		`- Date: ${env.date}`,
		`- Machine: ${env.cpus}; load average ${env.loadBefore} before, ${env.loadAfter} after (the machine is shared: figures are noisy)`,
		`- Node ${env.node}, n8n ${env.n8n} (\`n8n execute --id\`, sqlite, the package installed as a community package)`,
		`- Median of ${env.reps} repetitions${env.ratioReps > env.reps ? ` (${env.ratioReps} for the cases of the issue's ratios: 100,000 items × 1 serial, and the two in flight cases)` : ''}; batch size ${env.batchSize}; the whole benchmark took ${Math.round(env.totalS)} s`,
		`- Command: \`${env.command}\`, at commit ${env.commit}`,
		'',
		'## Results',
		'',
		...table(results),
		'',
		'## Ratios (issue 10)',
		'',
		'| Ratio | Value | Target | Met | Measured as |',
		'| --- | ---: | --- | --- | --- |',
		...list.map(
			(r) =>
				`| ${r.name} | ${ratio(r.value)} | ${r.target} | ${r.target.startsWith('(') ? '' : r.met ? 'yes' : 'no'} | ${r.how} |`,
		),
		'',
		'## How it is measured',
		'',
		...notes,
		'',
	];
	return lines.join('\n');
}
