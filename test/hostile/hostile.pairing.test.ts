/**
 * Hostile tests of c5e21c5 (pairedItem as the bare index, `{ item }` for item 0, error items and
 * the error output), run in n8n-core's engine and directly on buildOutput. Answers that list a
 * serial more than once: hostile.contradictions.test.ts.
 */
import nock from 'nock';
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { MovilitasApi } from '../../credentials/MovilitasApi.credentials';
import { planBatches } from '../../nodes/MovilitasDecommission/batching';
import { MovilitasDecommission } from '../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import { Outcomes } from '../../nodes/MovilitasDecommission/outcomes';
import { buildOutput } from '../../nodes/MovilitasDecommission/output';
import { dryRunOutcomes } from '../../nodes/MovilitasDecommission/runOptions';
import { executeWorkflow, packageNodeType, type WorkflowResult } from '../harness';
import { pairedIndex } from '../harness/pairing';
import { item as request } from '../unit/factories';

import {
	credential,
	credentialsHelper,
	NODE,
	ok,
	PRODUCTION,
	run,
	setupNock,
	tokens,
	workflow,
	type NodeSettings,
} from './hostile';
import { FIELD, movilitasLate, SECRETS, serialOf, TOKEN, type Body, type Json } from './late';

setupNock();

const G1 = '09506000134352';
const G2 = '05012345678900';

function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

// --- What Movilitas says of each serial, by its number and product --------------------------

/** Serials S0..S11; what Movilitas says of each depends on (number + product shift) % 10. */
type Behaviour =
	| 'done'
	| 'already'
	| 'locked'
	| 'omitted'
	| 'twiceSame'
	| 'thrice'
	| 'nullFirst'
	| 'numberSecond'
	| 'badGateway'
	| 'badRequest';

const BEHAVIOURS: Behaviour[] = [
	'done',
	'already',
	'locked',
	'omitted',
	'twiceSame',
	'thrice',
	'nullFirst',
	'numberSecond',
	'badGateway',
	'badRequest',
];

function behaviour(product: string, serial: string): Behaviour {
	const k = Number(serial.slice(1));
	return BEHAVIOURS[(k + (product === G2 ? 3 : 0)) % BEHAVIOURS.length];
}

/** The entries Movilitas lists for one serial. */
function entries(
	product: string,
	serial: string,
): Array<{ serial_number: string; status?: unknown }> {
	const e = (status: unknown) => ({ serial_number: serial, status });
	switch (behaviour(product, serial)) {
		case 'done':
			return [e('Decommissioned')];
		case 'already':
			return [e('Already decommissioned')];
		case 'locked':
			return [e(`Locked by ${TOKEN}`)];
		case 'omitted':
			return [];
		case 'twiceSame':
			return [e('Decommissioned'), e('Decommissioned')];
		case 'thrice':
			return [e('Decommissioned'), e('Decommissioned'), e('Locked channel-Ky1SpfEX9q')];
		case 'nullFirst':
			return [e(null), e('Decommissioned')];
		case 'numberSecond':
			return [e('Decommissioned'), e(5)];
		default:
			// Whole-request failures: the serial's entry never matters.
			return [e('Decommissioned')];
	}
}

/** Answers every request serial by serial, shuffled, plus serials it was not asked about. */
function answerer(random: () => number) {
	return (body: Body): [number, unknown] => {
		const product = body.product_code;
		const kinds = body.serials.map((serial) => behaviour(product, serial));
		if (kinds.includes('badGateway')) return [502, 'Bad Gateway'];
		if (kinds.includes('badRequest')) return [400, { success: false, message: 'Bad request' }];
		const all = body.serials.flatMap((serial) => entries(product, serial));
		// Serials nobody asked for in this request, one of them maybe asked for by another request.
		all.push({ serial_number: 'NOT-ASKED', status: 'Decommissioned' });
		const other = `S${Math.floor(random() * 12)}`;
		if (!body.serials.includes(other))
			all.push({ serial_number: other, status: 'Locked (other request)' });
		// Shuffled, but each serial's own entries keep their order: the first status counts.
		const queues = new Map<string, Array<(typeof all)[number]>>();
		for (const entry of all) {
			const queue = queues.get(entry.serial_number) ?? [];
			queue.push(entry);
			queues.set(entry.serial_number, queue);
		}
		const shuffled = [...all];
		for (let i = shuffled.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
		}
		const data = shuffled.map((entry) => queues.get(entry.serial_number)!.shift()!);
		const success = random() < 0.7;
		return [200, { success, message: success ? 'ok' : 'Some failed', data }];
	};
}

/** Serials whose whole request failed, by "product serial": what their request was answered. */
function failedRequests(seen: Body[]): Map<string, Behaviour> {
	const fates = new Map<string, Behaviour>();
	for (const body of seen) {
		const kinds = body.serials.map((serial) => behaviour(body.product_code, serial));
		const fate = kinds.includes('badGateway')
			? 'badGateway'
			: kinds.includes('badRequest')
				? 'badRequest'
				: undefined;
		if (fate) for (const serial of body.serials) fates.set(`${body.product_code} ${serial}`, fate);
	}
	return fates;
}

/** What the node must report for a serial Movilitas answered as `behaviour` says. */
function expected(
	product: string,
	serial: string,
	failed: Map<string, Behaviour>,
): { status: string; success: boolean } {
	switch (failed.get(`${product} ${serial}`) ?? behaviour(product, serial)) {
		case 'done':
		case 'twiceSame':
			return { status: 'Decommissioned', success: true };
		case 'already':
			return { status: 'Already decommissioned', success: true };
		case 'locked':
			return { status: 'Locked by ***', success: false };
		case 'omitted':
		case 'nullFirst':
			return { status: 'Not confirmed', success: false };
		case 'thrice':
		case 'numberSecond':
		case 'badGateway':
			return { status: 'Unknown', success: false };
		case 'badRequest':
			return { status: 'Failed', success: false };
	}
}

// --- Input items -------------------------------------------------------------------------------

interface GenItem {
	tag: string;
	src: 'field' | 'barcode';
	gtin: string;
	serials: string[];
	bs: number;
}

/** The (product, serial) packs an input item asks for, each once, in order; undefined: invalid. */
function packsOf(item: GenItem): Array<[string, string]> | undefined {
	if (item.serials.length === 0 || item.gtin === '123') return undefined;
	const packs = new Map<string, [string, string]>();
	for (const raw of item.serials) {
		const pack: [string, string] =
			item.src === 'barcode'
				? [raw.slice(4, 18), raw.slice(22)]
				: [item.gtin.padStart(14, '0'), raw];
		packs.set(pack.join(' '), pack);
	}
	return [...packs.values()];
}

function generate(seed: number): GenItem[] {
	const random = rng(seed * 7919 + 17);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const count = 2 + Math.floor(random() * 8);
	const items: GenItem[] = [];
	for (let i = 0; i < count; i++) {
		const n = 1 + Math.floor(random() * 7);
		const serials = Array.from({ length: n }, () => `S${Math.floor(random() * 12)}`);
		const bs = pick([1, 2, 3, 5, 1000]);
		const roll = random();
		if (roll < 0.15) items.push({ tag: `T${i}`, src: 'field', gtin: G1, serials: [], bs });
		else if (roll < 0.22) items.push({ tag: `T${i}`, src: 'field', gtin: '123', serials, bs });
		else if (roll < 0.5) {
			const barcodes = serials.map((s) => `(01)${pick([G1, G2])}(21)${s}`);
			items.push({ tag: `T${i}`, src: 'barcode', gtin: '', serials: barcodes, bs });
		} else
			items.push({ tag: `T${i}`, src: 'field', gtin: pick([G1, G1.slice(1), G2]), serials, bs });
	}
	return items;
}

const MIXED = {
	productCode: '={{ $json.gtin }}',
	serialsSource: '={{ $json.src }}',
	serials: 'unused',
	serialsSeparator: 'none',
	serialsField: 'serials',
	barcodeField: 'serials',
};

/** The record an output item is about: its json, or on the error output its json.error. */
function record(item: INodeExecutionData, errorOutput: boolean): Json {
	return (errorOutput ? item.json.error : item.json) as Json;
}

/**
 * Everything c5e21c5 promises of the pairing, and the status of every serial: returns the list
 * of problems found (empty when all holds).
 */
function checkRun(
	result: WorkflowResult,
	items: GenItem[],
	errorOutput: boolean,
	seen: Body[],
): string[] {
	const problems: string[] = [];
	const failed = failedRequests(seen);
	const out0 = result.output(NODE, 0);
	const out1 = result.output(NODE, 1);
	if (!errorOutput && out1.length) problems.push(`${out1.length} items on output 1`);
	// What each output must hold, in order: (item, product, serial) or (item, invalid).
	const want0: string[] = [];
	const want1: string[] = [];
	items.forEach((item, index) => {
		const packs = packsOf(item);
		if (!packs) (errorOutput ? want1 : want0).push(`${index} invalid`);
		else
			for (const [product, serial] of packs) {
				const ok = expected(product, serial, failed).success;
				(ok || !errorOutput ? want0 : want1).push(`${index} ${product} ${serial}`);
			}
	});
	const describe = (item: INodeExecutionData, onError: boolean) => {
		const json = record(item, onError);
		const index = pairedIndex(item.pairedItem);
		return json.serial_number === undefined
			? `${index} invalid`
			: `${index} ${String(json.product_code)} ${String(json.serial_number)}`;
	};
	const got0 = out0.map((item) => describe(item, false));
	const got1 = out1.map((item) => describe(item, true));
	if (JSON.stringify(got0) !== JSON.stringify(want0))
		problems.push(`output 0: ${JSON.stringify(got0)} instead of ${JSON.stringify(want0)}`);
	if (JSON.stringify(got1) !== JSON.stringify(want1))
		problems.push(`output 1: ${JSON.stringify(got1)} instead of ${JSON.stringify(want1)}`);

	const zeros = new Set<unknown>();
	for (const [output, list] of [out0, out1].entries()) {
		for (const item of list) {
			const { pairedItem } = item;
			const index = pairedIndex(pairedItem);
			const json = record(item, output === 1);
			const what = `output ${output} ${describe(item, output === 1)}`;
			if (pairedItem === undefined || index === undefined || !items[index]) {
				problems.push(`${what}: pairedItem ${JSON.stringify(pairedItem)}`);
				continue;
			}
			const invalid = json.serial_number === undefined;
			// Error items and error output items: { item }; serials of items 1..n: bare index.
			const asObject = invalid || output === 1 || index === 0;
			if (asObject && JSON.stringify(pairedItem) !== JSON.stringify({ item: index }))
				problems.push(`${what}: pairedItem ${JSON.stringify(pairedItem)}, not { item }`);
			if (!asObject && pairedItem !== index)
				problems.push(`${what}: pairedItem ${JSON.stringify(pairedItem)}, not ${index}`);
			if (output === 0 && index === 0 && !invalid) zeros.add(pairedItem);
			// n8n adds the input item's fields to an error output item: only through { item }.
			if (output === 1 && item.json.tag !== items[index].tag)
				problems.push(`${what}: tag ${String(item.json.tag)}, not ${items[index].tag}`);
			if (invalid) continue;
			const packs = packsOf(items[index]) ?? [];
			const mine = packs.some(
				([product, serial]) => product === json.product_code && serial === json.serial_number,
			);
			if (!mine) problems.push(`${what}: not a serial of input item ${index}`);
			const want = expected(String(json.product_code), String(json.serial_number), failed);
			if (json.status !== want.status || json.success !== want.success)
				problems.push(
					`${what}: ${String(json.status)} ${String(json.success)}, not ${want.status}`,
				);
			const key = `${String(json.product_code)} ${String(json.serial_number)}`;
			if (
				behaviour(String(json.product_code), String(json.serial_number)) === 'thrice' &&
				!failed.has(key)
			) {
				const message = String(json.message);
				if (!message.includes('as "Decommissioned" and "Locked ***": its state is unknown'))
					problems.push(`${what}: message ${message}`);
			}
			if (
				output === 1 &&
				!String(item.json.message).startsWith(
					`Serial ${String(json.serial_number)}: ${want.status}`,
				)
			)
				problems.push(`${what}: summary ${String(item.json.message)}`);
		}
	}
	if (zeros.size > 1)
		problems.push(`item 0's serials on output 0 have ${zeros.size} pairedItem objects`);
	const text = JSON.stringify([out0, out1, result.error]);
	for (const secret of SECRETS) if (text.includes(secret)) problems.push(`secret ${secret} shown`);
	if (text.includes('NOT-ASKED')) problems.push('a serial nobody asked for is reported');
	return problems;
}

async function runMixed(items: GenItem[], inFlight: number, settings: NodeSettings, seed: number) {
	tokens(TOKEN);
	const random = rng(seed);
	const seen = movilitasLate(answerer(random), () => Math.floor(random() * 12), 200);
	const result = await run(
		workflow(
			{ ...MIXED, options: { batchSize: '={{ $json.bs }}', requestsInFlight: inFlight } },
			items as unknown as Array<Record<string, unknown>>,
			settings,
		),
	);
	return { result, seen };
}

function sentOnce(seen: Body[]): string[] {
	const sent = seen.flatMap((body) => body.serials.map((s) => `${body.product_code} ${s}`));
	return sent.filter((key, i) => sent.indexOf(key) !== i);
}

describe('pairing: every output item points at the input item whose serial it reports (randomised)', () => {
	const cases = Array.from({ length: 16 }, (_, i) => [i + 1, (i % 8) + 1] as const);

	// Error output on (seeds 1..16), then Continue On Fail with the regular output (seeds 101..116).
	const modes = [
		{ onError: 'continueErrorOutput', errorOutput: true, offset: 0 },
		{ onError: 'continueRegularOutput', errorOutput: false, offset: 100 },
	] as const;
	const runs = modes.flatMap((mode) =>
		cases.map(([seed, inFlight]) => [seed, inFlight, mode] as const),
	);

	it.each(runs)(
		'seed %i, %i request(s) in flight, answers out of order, %j',
		async (seed, inFlight, { onError, errorOutput, offset }) => {
			const items = generate(seed + offset);
			const { result, seen } = await runMixed(items, inFlight, { onError }, seed);
			expect(result.error).toBeUndefined();
			expect(checkRun(result, items, errorOutput, seen)).toEqual([]);
			expect(sentOnce(seen)).toEqual([]);
		},
	);
});

// --- Deterministic cases -----------------------------------------------------------------------

/** Movilitas locking the serials whose name starts with L, decommissioning the others. */
function locking(body: Body): [number, unknown] {
	return [
		200,
		{
			success: true,
			data: body.serials.map((serial) => ({
				serial_number: serial,
				status: serial.startsWith('L') ? 'Locked' : 'Decommissioned',
			})),
		},
	];
}

const pairings = (items: INodeExecutionData[]) => items.map((item) => item.pairedItem);

describe('pairing: Continue On Fail and the error output', () => {
	it('Continue On Fail, invalid items 0 and 3: { item } for them, { item: 0 } for item 0, bare index for the rest', async () => {
		tokens(TOKEN);
		const seen = movilitasLate(ok, () => 0, 5);
		const result = await run(
			workflow(
				FIELD,
				[
					{ tag: 'T0', serials: [] },
					{ tag: 'T1', serials: ['A', 'B'] },
					{ tag: 'T2', serials: ['B', 'A', 'C', 'A'] },
					{ tag: 'T3' },
					{ tag: 'T4', serials: ['C'] },
				],
				{ onError: 'continueRegularOutput' },
			),
		);
		expect(result.error).toBeUndefined();
		const out = result.output(NODE);
		expect(out.map((item) => [item.pairedItem, item.json.serial_number ?? 'invalid'])).toEqual([
			[{ item: 0 }, 'invalid'],
			[1, 'A'],
			[1, 'B'],
			[2, 'B'],
			[2, 'A'],
			[2, 'C'],
			[{ item: 3 }, 'invalid'],
			[4, 'C'],
		]);
		expect(out[0].json).toMatchObject({ success: false, field: 'Serials Field "serials"' });
		expect(seen.flatMap((body) => body.serials)).toEqual(['A', 'B', 'C']);
		expect(result.output(NODE, 1)).toEqual([]);
	});

	it('error output: failures of item 0 and item 1 go to output 1 with their input item fields; output 0 is paired right', async () => {
		tokens(TOKEN);
		movilitasLate(locking, () => 0, 5);
		const items = [
			{ tag: 'T0', order: 'PO-0', serials: ['A', 'L1'] },
			{ tag: 'T1', order: 'PO-1', serials: ['L1', 'B', 'L2'] },
			{ tag: 'T2', order: 'PO-2', serials: 'not a list of serials' },
			{ tag: 'T3', order: 'PO-3', serials: ['A'] },
		];
		const result = await run(
			workflow({ ...FIELD, serialsSeparator: 'none' }, items, { onError: 'continueErrorOutput' }),
		);
		expect(result.error).toBeUndefined();
		const out0 = result.output(NODE, 0);
		const out1 = result.output(NODE, 1);
		expect(out0.map((item) => [item.pairedItem, item.json.serial_number])).toEqual([
			[{ item: 0 }, 'A'],
			[1, 'B'],
			[3, 'A'],
		]);
		// Output 0 carries the node's own record only; output 1 the input item's fields as well.
		expect(out0.some((item) => 'order' in item.json)).toBe(false);
		expect(out1.map((item) => [item.pairedItem, item.json.order, item.json.tag])).toEqual([
			[{ item: 0 }, 'PO-0', 'T0'],
			[{ item: 1 }, 'PO-1', 'T1'],
			[{ item: 1 }, 'PO-1', 'T1'],
			[{ item: 2 }, 'PO-2', 'T2'],
		]);
		expect(out1.map(serialOf)).toEqual(['L1', 'L1', 'L2', undefined]);
		expect(out1.map((item) => String(item.json.message).split(':')[0])).toEqual([
			'Serial L1',
			'Serial L1',
			'Serial L2',
			'Item 2',
		]);
	});

	it('error output, the token refused: every serial of every item, item 0 included, on output 1 with its fields', async () => {
		nock(PRODUCTION)
			.post('/v1/api_auth')
			.reply(401, { success: false, message: 'Invalid API key' });
		const items = [
			{ tag: 'T0', serials: ['A', 'B'] },
			{ tag: 'T1', serials: ['B'] },
			{ tag: 'T2', serials: ['C', 'A'] },
		];
		const result = await run(workflow(FIELD, items, { onError: 'continueErrorOutput' }));
		expect(result.error).toBeUndefined();
		expect(result.output(NODE, 0)).toEqual([]);
		const out1 = result.output(NODE, 1);
		expect(out1.map((item) => [item.pairedItem, item.json.tag, serialOf(item)])).toEqual([
			[{ item: 0 }, 'T0', 'A'],
			[{ item: 0 }, 'T0', 'B'],
			[{ item: 1 }, 'T1', 'B'],
			[{ item: 2 }, 'T2', 'C'],
			[{ item: 2 }, 'T2', 'A'],
		]);
		expect(out1.every((item) => (item.json.error as Json).status === 'Not sent')).toBe(true);
	});

	it('error output: items refused for contradicting settings (item 0 and item 2) are on output 1 with their fields', async () => {
		tokens(TOKEN);
		movilitasLate(ok, () => 0, 5);
		const items = [
			{ tag: 'T0', reason: 'destroy', serials: ['C1', 'K1'] },
			{ tag: 'T1', reason: 'destroy', serials: ['K2'] },
			{ tag: 'T2', reason: 'sample', serials: ['C1'] },
		];
		const result = await run(
			workflow({ ...FIELD, reason: '={{ $json.reason }}' }, items, {
				onError: 'continueErrorOutput',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(pairings(result.output(NODE, 0))).toEqual([1]);
		expect(
			result.output(NODE, 1).map((item) => [item.pairedItem, item.json.tag, serialOf(item)]),
		).toEqual([
			[{ item: 0 }, 'T0', undefined],
			[{ item: 2 }, 'T2', undefined],
		]);
	});

	it('GS1 barcodes of two products in item 0, scanned twice: one { item: 0 } object for all its serials', async () => {
		tokens(TOKEN);
		const seen = movilitasLate(ok, () => 0, 5);
		const items = [
			{
				tag: 'T0',
				codes: [`(01)${G1}(21)X1`, `(01)${G2}(21)X1`, `(01)${G1}(21)X1`, `(01)${G2}(21)X2`],
			},
			{ tag: 'T1', codes: [`(01)${G2}(21)X1`, `(01)${G1}(21)X3`] },
		];
		const result = await run(
			workflow({ serialsSource: 'barcode', barcodeField: 'codes', productCode: '' }, items, {
				onError: 'continueErrorOutput',
			}),
		);
		expect(result.error).toBeUndefined();
		const out = result.output(NODE, 0);
		expect(
			out.map((item) => [item.pairedItem, item.json.product_code, item.json.serial_number]),
		).toEqual([
			[{ item: 0 }, G1, 'X1'],
			[{ item: 0 }, G2, 'X1'],
			[{ item: 0 }, G2, 'X2'],
			[1, G2, 'X1'],
			[1, G1, 'X3'],
		]);
		expect(out[1].pairedItem).toBe(out[0].pairedItem);
		expect(out[2].pairedItem).toBe(out[0].pairedItem);
		expect(seen.map((body) => [body.product_code, body.serials])).toEqual([
			[G1, ['X1', 'X3']],
			[G2, ['X1', 'X2']],
		]);
	});

	it('dry run with the error output on: every serial on output 0, item 0 by one { item: 0 }, the others bare', async () => {
		const items = [
			{ tag: 'T0', serials: ['A', 'B', 'A'] },
			{ tag: 'T1', serials: ['A'] },
			{ tag: 'T2', serials: [] },
			{ tag: 'T3', serials: ['D'] },
		];
		const result = await run(
			workflow({ ...FIELD, options: { dryRun: true } }, items, { onError: 'continueErrorOutput' }),
		);
		expect(result.error).toBeUndefined();
		const out0 = result.output(NODE, 0);
		expect(
			out0.map((item) => [item.pairedItem, item.json.serial_number, item.json.status]),
		).toEqual([
			[{ item: 0 }, 'A', 'Validated'],
			[{ item: 0 }, 'B', 'Validated'],
			[1, 'A', 'Validated'],
			[3, 'D', 'Validated'],
		]);
		expect(out0[1].pairedItem).toBe(out0[0].pairedItem);
		expect(result.output(NODE, 1).map((item) => [item.pairedItem, item.json.tag])).toEqual([
			[{ item: 2 }, 'T2'],
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a run option refused under Continue On Fail: an error item for every input item, { item } each', async () => {
		const items = [{ serials: ['A'] }, { serials: ['B'] }, { serials: ['C'] }];
		const result = await run(
			workflow({ ...FIELD, options: { requestsInFlight: 9 } }, items, {
				onError: 'continueErrorOutput',
			}),
		);
		expect(result.output(NODE, 0)).toEqual([]);
		expect(pairings(result.output(NODE, 1))).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

/** A node reading `={{ $('Start').item.json.tag }}` for each item: n8n's own item linking. */
class Linker implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Linker',
		name: 'linker',
		group: ['transform'],
		version: 1,
		description: 'Reads a field of the Start item each item links back to',
		defaults: { name: 'Linker' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Tag', name: 'tag', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => ({
				json: { serial: serialOf(item) ?? null, linked: this.getNodeParameter('tag', index) },
				pairedItem: { item: index },
			})),
		];
	}
}

describe("pairing: n8n's item linking ($('Start').item) after the node", () => {
	it.each([1, 8])(
		'%i in flight: each item on output 0 and output 1 links back to the input item it came from',
		async (inFlight) => {
			tokens(TOKEN);
			movilitasLate(locking, (body) => (body.serials.includes('A') ? 20 : 0), 10);
			const items = [
				{ tag: 'T0', serials: ['A', 'L1', 'B'] },
				{ tag: 'T1', serials: ['L1', 'B'] },
				{ tag: 'T2', serials: [] },
				{ tag: 'T3', serials: ['C', 'L2', 'A'] },
			];
			const wf = workflow(
				{ ...FIELD, options: { batchSize: 1, requestsInFlight: inFlight } },
				items,
				{ onError: 'continueErrorOutput' },
			);
			const linker = (name: string, x: number) => ({
				parameters: { tag: "={{ $('Start').item.json.tag }}" },
				id: `h0000000-0000-4000-8000-00000000001${x}`,
				name,
				type: 'test.linker',
				typeVersion: 1,
				position: [480, x * 100] as [number, number],
			});
			const full = {
				...wf,
				nodes: [...wf.nodes, linker('Linked ok', 0), linker('Linked errors', 1)],
				connections: {
					...wf.connections,
					[NODE]: {
						main: [
							[{ node: 'Linked ok', type: 'main' as const, index: 0 }],
							[{ node: 'Linked errors', type: 'main' as const, index: 0 }],
						],
					},
				},
			};
			const result = await executeWorkflow({
				// eslint-disable-next-line @typescript-eslint/no-explicit-any
				workflow: full as any,
				nodeTypes: {
					[packageNodeType('movilitasDecommission')]: new MovilitasDecommission(),
					'test.linker': new Linker(),
				},
				credentialTypes: { movilitasApi: new MovilitasApi() },
				credentialsHelper: credentialsHelper(credential()),
			});
			expect(result.error).toBeUndefined();
			const linked = (name: string) =>
				result.output(name).map((item) => [item.json.serial, item.json.linked]);
			expect(linked('Linked ok')).toEqual([
				['A', 'T0'],
				['B', 'T0'],
				['B', 'T1'],
				['C', 'T3'],
				['A', 'T3'],
			]);
			expect(linked('Linked errors')).toEqual([
				['L1', 'T0'],
				['L1', 'T1'],
				[null, 'T2'],
				['L2', 'T3'],
			]);
		},
	);
});

describe('pairing: one item of 100,000 serials', () => {
	const serials = Array.from({ length: 100_000 }, (_, i) => `N${i}`);

	it('dry run: 100,000 items on output 0, each paired by the very same { item: 0 }', async () => {
		const result = await run(
			workflow({ ...FIELD, options: { dryRun: true, batchSize: 10000 } }, [{ serials }]),
		);
		expect(result.error).toBeUndefined();
		const out = result.output(NODE);
		expect(out).toHaveLength(100_000);
		const zero = out[0].pairedItem;
		expect(zero).toEqual({ item: 0 });
		expect(out.filter((item) => item.pairedItem !== zero)).toEqual([]);
		expect(out[99_999].json).toMatchObject({ serial_number: 'N99999', request: 10 });
	}, 120_000);

	it('sent, 8 in flight, every 7th serial locked, error output: one { item: 0 } on output 0, merged items on output 1', async () => {
		tokens(TOKEN);
		const seen = movilitasLate(
			(body) => [
				200,
				{
					success: true,
					data: [...body.serials].reverse().map((serial) => ({
						serial_number: serial,
						status: Number(serial.slice(1)) % 7 === 0 ? 'Locked' : 'Decommissioned',
					})),
				},
			],
			(_body, n) => (n % 3) * 5,
			10,
		);
		const result = await run(
			workflow(
				{ ...FIELD, options: { batchSize: 10000, requestsInFlight: 8 } },
				[{ tag: 'T0', serials }],
				{ onError: 'continueErrorOutput' },
			),
		);
		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(10);
		const out0 = result.output(NODE, 0);
		const out1 = result.output(NODE, 1);
		expect(out0).toHaveLength(100_000 - Math.ceil(100_000 / 7));
		expect(out1).toHaveLength(Math.ceil(100_000 / 7));
		const zero = out0[0].pairedItem;
		expect(zero).toEqual({ item: 0 });
		expect(out0.filter((item) => item.pairedItem !== zero)).toEqual([]);
		expect(out0.filter((item) => item.json.status !== 'Decommissioned')).toEqual([]);
		expect(
			out1.filter(
				(item) =>
					item.json.tag !== 'T0' ||
					JSON.stringify(item.pairedItem) !== '{"item":0}' ||
					Number(serialOf(item)!.slice(1)) % 7 !== 0,
			),
		).toEqual([]);
	}, 120_000);

	it('buildOutput directly: 100,000 outputs of item 0 share one object, and no item is ever paired by a bare 0', () => {
		const node = { name: 'M', parameters: {} } as unknown as INode;
		const requests = [request(0, serials), request(1, ['N1', 'X']), request(2, ['N2'])];
		const plan = planBatches(requests);
		const read = { requests, problems: new Map() };
		const output = buildOutput(node, 3, read, dryRunOutcomes(plan), false);
		expect(output).toHaveLength(100_003);
		const zero = output[0].pairedItem;
		expect(zero).toEqual({ item: 0 });
		expect(output.slice(0, 100_000).filter((item) => item.pairedItem !== zero)).toEqual([]);
		expect(output.slice(100_000).map((item) => item.pairedItem)).toEqual([1, 1, 2]);
		// The error output on, nothing sent: every item for the error output, each by { item }.
		const errors = buildOutput(
			{ ...node, onError: 'continueErrorOutput' },
			3,
			read,
			new Outcomes(plan),
			false,
		);
		expect(errors).toHaveLength(100_003);
		expect(errors.filter((item) => JSON.stringify(item.pairedItem) !== '{"item":0}')).toHaveLength(
			3,
		);
		expect(errors.slice(100_000).map((item) => item.pairedItem)).toEqual([
			{ item: 1 },
			{ item: 1 },
			{ item: 2 },
		]);
		for (const list of [output, errors])
			expect(list.some((item) => item.pairedItem === undefined || item.pairedItem === 0)).toBe(
				false,
			);
	});
});

describe('pairing: no input', () => {
	it('the node given no items gives no items', async () => {
		const ctx = { getInputData: () => [] } as unknown as IExecuteFunctions;
		await expect(new MovilitasDecommission().execute.call(ctx)).resolves.toEqual([[]]);
	});
});

// --- recordAnswer: one status per serial, contradictions only for serials listed twice -------
