import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, IWorkflowBase } from 'n8n-workflow';

import { MovilitasApi } from '../../../credentials/MovilitasApi.credentials';
import { MovilitasDecommission } from '../../../nodes/MovilitasDecommission/MovilitasDecommission.node';
import { executeWorkflow, packageNodeType } from '../../harness';
import { pairedIndex } from '../../harness/pairing';
import { DEFAULT_PRODUCT_EU, serialKey, startSandbox, type Sandbox } from '../../sandbox/server';
import hostile from './fixtures/hostile-inputs.json';
import { credential, credentialsHelper, NODE } from './scenario';

interface Case {
	name: string;
	item: IDataObject;
	/** Node parameters fixed for this case instead of read from the item. */
	params?: IDataObject;
	field?: string;
	says?: string[];
	/** Options the node reads once per run: the error names no item. */
	scope?: 'run';
	sent?: string[];
}
const rejected = hostile.rejected as Case[];
const accepted = hostile.accepted as Case[];

const base = JSON.parse(
	readFileSync(join(__dirname, 'decommission.hostile-inputs.workflow.json'), 'utf8'),
) as IWorkflowBase;

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({
		apiKeys: [{ apiKey: 'key-4f1a9c', apiSecret: 'secret-7d2e8b61' }],
		channelKeys: ['channel-Ky1SpfEX9q'],
		strictSerials: true,
	});
});
beforeEach(() => sandbox.state.reset());
afterAll(async () => await sandbox.stop());

/** Runs the workflow on the cases' items (merged over the fixture's defaults); same params. */
async function run(cases: Case[], continueOnFail: boolean) {
	const workflow = structuredClone(base);
	workflow.pinData = {
		Start: cases.map(({ item }) => ({ json: { ...hostile.defaults, ...item } })),
	};
	const node = workflow.nodes.find((n) => n.name === NODE)!;
	Object.assign(node.parameters, cases[0]?.params);
	if (continueOnFail) node.onError = 'continueRegularOutput';
	return await executeWorkflow({
		workflow,
		nodeTypes: { [packageNodeType('movilitasDecommission')]: new MovilitasDecommission() },
		credentialTypes: { movilitasApi: new MovilitasApi() },
		credentialsHelper: credentialsHelper(
			credential('dynamic', { environment: 'custom', baseUrl: sandbox.url }),
		),
	});
}

/** Cases that can share one run: the same fixed node parameters. */
function byParams(cases: Case[]): Case[][] {
	const groups = new Map<string, Case[]>();
	for (const c of cases) {
		const key = JSON.stringify(c.params ?? {});
		groups.set(key, [...(groups.get(key) ?? []), c]);
	}
	return [...groups.values()];
}

/** What reached the sandbox, readable in a failure: route and serials. */
function requestsMade(): string[] {
	return sandbox.state.requests.map(
		(r) => `${r.route} ${JSON.stringify((r.body as { serials?: unknown }).serials ?? '')}`,
	);
}

/** '/text/i' → /text/i */
function pattern(text: string): RegExp {
	const [, source, flags] = /^\/(.*)\/([a-z]*)$/s.exec(text)!;
	return new RegExp(source, flags);
}

function expectClear(message: string, index: number, hostileCase: Case) {
	if (hostileCase.scope !== 'run') expect(message).toMatch(new RegExp(`\\bitem ${index}\\b`, 'i'));
	expect(message.toLowerCase()).toContain(hostileCase.field!.toLowerCase());
	for (const says of hostileCase.says ?? []) expect(message).toMatch(pattern(says));
}

describe('hostile inputs are refused with a clear error before anything is sent', () => {
	it('the fixture holds at least 40 of them', () => {
		expect(rejected.length).toBeGreaterThanOrEqual(40);
	});

	it.each(rejected.map((c) => [c.name, c] as const))('%s', async (_, hostileCase) => {
		const result = await run([hostileCase], false);

		expect(requestsMade()).toEqual([]);
		expect(result.error?.name).toBe('NodeOperationError');
		expectClear(result.error?.message ?? '', 0, hostileCase);
		expect(result.output(NODE)).toEqual([]);
	});

	it('under Continue On Fail each becomes one error item, paired and naming its item', async () => {
		for (const group of byParams(rejected.filter((c) => c.scope !== 'run'))) {
			const result = await run(group, true);
			const sent = result.output(NODE).filter((o) => o.json.success !== false);

			expect(sent.map((o) => group[pairedIndex(o.pairedItem)!].name)).toEqual([]);
			expect(requestsMade()).toEqual([]);
			expect(result.error).toBeUndefined();
			const output = result.output(NODE);
			expect(output.map((o) => o.pairedItem)).toEqual(group.map((_, item) => ({ item })));
			for (const [index, { json }] of output.entries()) {
				expectClear(String(json.error), index, group[index]);
				expect(json.success).toBe(false);
				expect(json.serial_number).toBeUndefined();
				expect(String(json.field).toLowerCase()).toContain(group[index].field!.toLowerCase());
			}
		}
	});
});

describe('look-alikes that are valid are sent exactly as given, and nothing else', () => {
	it('each item’s serials reach Movilitas once, unsplit, and come back paired to it', async () => {
		const groups = byParams(accepted);
		const results = [];
		for (const group of groups) results.push(await run(group, false));

		for (const result of results) expect(result.error).toBeUndefined();
		const expected = accepted.flatMap((c) => c.sent!);
		const ledger = sandbox.state.ledger();
		expect([...ledger.received.keys()].sort()).toEqual(
			expected.map((serial) => serialKey(DEFAULT_PRODUCT_EU, serial)).sort(),
		);
		expect([...ledger.received.values()].every((count) => count === 1)).toBe(true);
		for (const [index, group] of groups.entries()) {
			const byItem = group.map(() => [] as unknown[]);
			for (const { json, pairedItem } of results[index].output(NODE)) {
				byItem[pairedIndex(pairedItem)!].push(json.serial_number);
				expect(json).toMatchObject({ success: true, product_code: DEFAULT_PRODUCT_EU });
			}
			expect(byItem).toEqual(group.map((c) => c.sent));
		}
	});
});

/** Item numbers a message names: 'item 0 … item 1', 'items 0 (…) and 1 (…)'. */
function itemsNamed(message: unknown): number[] {
	const text = String(message).replace(/TWICE-1|ALONE-1/g, '');
	const named = new Set<number>();
	for (const [, list] of text.matchAll(/\bitems? (\d+(?:(?: \([^)]*\))?(?:,| and) \d+)*)/gi)) {
		for (const digits of list.replace(/\([^)]*\)/g, '').match(/\d+/g) ?? [])
			named.add(Number(digits));
	}
	return [...named].sort();
}

describe('the same serial asked with other settings by two items', () => {
	const items: Case[] = [
		{ name: 'first', item: { serial: 'TWICE-1', reason: 'destroy' } },
		{ name: 'second', item: { serial: 'TWICE-1', reason: 'sample' } },
		{ name: 'unrelated', item: { serial: 'ALONE-1' } },
	];

	it('is refused before anything is sent, naming both items', async () => {
		const result = await run(items, false);

		expect(requestsMade()).toEqual([]);
		expect(result.error?.message).toContain('TWICE-1');
		expect(itemsNamed(result.error?.message)).toEqual([0, 1]);
	});

	it('under Continue On Fail makes both items error items and sends the rest', async () => {
		const result = await run(items, true);

		const output = result.output(NODE);
		expect(output.map((o) => [o.pairedItem, o.json.success])).toEqual([
			[{ item: 0 }, false],
			[{ item: 1 }, false],
			[2, true],
		]);
		expect(itemsNamed(output[0].json.error)).toEqual([0, 1]);
		expect(itemsNamed(output[1].json.error)).toEqual([0, 1]);
		expect([...sandbox.state.ledger().received.keys()]).toEqual([
			serialKey(DEFAULT_PRODUCT_EU, 'ALONE-1'),
		]);
	});
});
