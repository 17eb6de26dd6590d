/**
 * Reads a V8 .cpuprofile and says where the node's time goes: the samples whose stack holds a
 * frame of this package (the node's own code and what it calls synchronously: n8n's parameter
 * helpers, zod, JSON), their self time by function, and the inclusive time of the package's
 * functions. Code after an `await` inside the node still counts: its frame is the package's.
 *
 *   node .tools/test/bench/profile-summary.js file.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export interface Row {
	name: string;
	ms: number;
	share: number;
}

export interface Summary {
	totalMs: number;
	gcMs: number;
	/** Samples with a frame of the package on the stack. */
	nodeMs: number;
	selfTop: Row[];
	byLibrary: Row[];
	inclusive: Row[];
	/** The whole profile's self time by library, whatever the stack. */
	wholeByLibrary: Row[];
}

const isPackage = (url: string) =>
	/n8n-nodes-movilitas\/dist\/|\/nodes\/MovilitasDecommission\/|\/credentials\/MovilitasApi/.test(
		url,
	);

/** A function of the package; its modules' top-level code (loading them) is start-up, not the node. */
const isPackageCode = (frame: CallFrame) =>
	isPackage(frame.url) && !(frame.functionName === '' && frame.lineNumber === 0);

function library(url: string): string {
	if (url === '') return '(V8 / native)';
	if (isPackage(url)) return 'this package';
	const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
	if (match) return match[1];
	if (url.startsWith('node:')) return 'Node.js';
	return url;
}

function frameName(frame: CallFrame): string {
	const file = frame.url.split('/').slice(-2).join('/');
	return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
}

function rows(map: Map<string, number>, total: number, top: number): Row[] {
	return [...map]
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
}

export function summarize(path: string, top = 20): Summary {
	const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id: number): ProfileNode[] => {
		const stack: ProfileNode[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
			stack.push(byId.get(at)!);
		return stack;
	};
	const stacks = new Map<number, ProfileNode[]>();
	let totalUs = 0;
	let gcUs = 0;
	let nodeUs = 0;
	const self = new Map<string, number>();
	const libs = new Map<string, number>();
	const inclusive = new Map<string, number>();
	const whole = new Map<string, number>();
	profile.samples.forEach((id, index) => {
		// timeDeltas[i + 1] is the time until the next sample: the time this sample stands for.
		const us = profile.timeDeltas[index + 1] ?? 0;
		totalUs += us;
		const leaf = byId.get(id)!;
		if (leaf.callFrame.functionName === '(garbage collector)') gcUs += us;
		const wholeKey = leaf.callFrame.url ? library(leaf.callFrame.url) : leaf.callFrame.functionName;
		whole.set(wholeKey, (whole.get(wholeKey) ?? 0) + us);
		let stack = stacks.get(id);
		if (!stack) stacks.set(id, (stack = stackOf(id)));
		if (!stack.some((frame) => isPackageCode(frame.callFrame))) return;
		nodeUs += us;
		const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + us);
		add(self, frameName(leaf.callFrame));
		add(libs, library(leaf.callFrame.url));
		const seen = new Set<string>();
		for (const frame of stack) {
			if (!isPackageCode(frame.callFrame)) continue;
			const name = frameName(frame.callFrame);
			if (!seen.has(name)) add(inclusive, name);
			seen.add(name);
		}
	});
	return {
		totalMs: totalUs / 1000,
		gcMs: gcUs / 1000,
		nodeMs: nodeUs / 1000,
		selfTop: rows(self, nodeUs, top),
		byLibrary: rows(libs, nodeUs, top),
		inclusive: rows(inclusive, nodeUs, top),
		wholeByLibrary: rows(whole, totalUs, top),
	};
}

export function printSummary(title: string, summary: Summary): void {
	const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
	const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
	console.log(`\n${title}`);
	console.log(
		`profile ${ms(summary.totalMs)}; GC ${ms(summary.gcMs)} (not attributed); with a frame of this package on the stack ${ms(summary.nodeMs)} (= 100 % below)`,
	);
	const print = (heading: string, list: Row[]) => {
		console.log(`  ${heading}`);
		for (const row of list) console.log(`    ${pct(row.share)} ${ms(row.ms)}  ${row.name}`);
	};
	print('self time by function:', summary.selfTop);
	print('self time by library:', summary.byLibrary);
	print("inclusive time of the package's functions:", summary.inclusive);
	print('whole profile, self time by library (100 % = the whole profile):', summary.wholeByLibrary);
}

if (require.main === module) {
	const [file, top] = process.argv.slice(2);
	printSummary(file, summarize(file, Number(top ?? 25)));
}
