/**
 * Hostile tests of the speed rewrite (cd4340f..HEAD): slots of the plan, conflicts among a
 * product's groups, answers read after sleep(0), the token read only when it may have changed,
 * and Include Request Settings.
 */
import nock from 'nock';

import { pairedIndex } from '../harness/pairing';

import {
	credential,
	credentialsHelper,
	movilitas,
	NODE,
	ok,
	run,
	setupNock,
	statuses,
	tokens,
	visible,
	workflow,
} from './hostile';

setupNock();

const G1 = '09506000134352';
const G2 = '05012345678900';

/** Movilitas answering each serial with a status naming its product, reason and serial. */
function echoing(times: number) {
	return movilitas((body) => {
		const b = body as { serials: string[]; product_code: string; reason: string };
		return [
			200,
			{
				success: true,
				data: [...b.serials].reverse().map((serial) => ({
					serial_number: serial,
					status: `st ${b.product_code} ${b.reason} ${serial}`,
				})),
			},
		];
	}, times);
}

function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

interface GenItem {
	src: string;
	serials: unknown;
	barcodes?: string[];
	reason: string;
	gtin: string;
	bs: number;
}

/** What each output item must say: the status Movilitas gave that very serial. */
function checkPairing(
	result: ReturnType<typeof run> extends Promise<infer R> ? R : never,
	items: GenItem[],
) {
	const out = result.output(NODE);
	const problems: string[] = [];
	for (const item of out) {
		const json = item.json as Record<string, unknown>;
		const index = pairedIndex(item.pairedItem)!;
		if (json.serial_number === undefined) continue;
		const expected = `st ${String(json.product_code)} ${items[index].reason} ${String(json.serial_number)}`;
		if (json.status !== expected)
			problems.push(
				`item ${index}: ${String(json.serial_number)} got "${String(json.status)}", expected "${expected}"`,
			);
	}
	return problems;
}

describe("speed: every output item carries its own serial's status (randomised)", () => {
	const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
	it.each(seeds)(
		'seed %i: field items, repeats, two reasons, two GTINs (13/14 digits), batch sizes, invalid items, continue on fail',
		async (seed) => {
			const random = rng(seed * 7919);
			const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
			const pool = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
			const items: GenItem[] = [];
			const count = 3 + Math.floor(random() * 6);
			for (let i = 0; i < count; i++) {
				const n = 1 + Math.floor(random() * 5);
				const serials = Array.from({ length: n }, () => pick(pool));
				const invalid = random() < 0.15;
				items.push({
					src: 'field',
					serials: invalid ? [] : serials,
					// one reason per GTIN so that no conflict arises, but still two groups per product sometimes
					reason: pick(['destroy', 'sample']),
					gtin: pick([G1, G1.slice(1), G2, G2.slice(1)]),
					bs: pick([1, 2, 3, 100]),
				});
			}
			// Serials of G2 get a prefix per reason so the two reasons never contradict each other.
			for (const item of items) {
				if (Array.isArray(item.serials))
					item.serials = (item.serials as string[]).map((s) => `${item.reason[0]}${s}`);
			}
			movilitasAll();
			const result = await run(
				workflow(
					{
						productCode: '={{ $json.gtin }}',
						reason: '={{ $json.reason }}',
						serialsSource: 'field',
						serialsField: 'serials',
						options: { batchSize: '={{ $json.bs }}', requestsInFlight: 4, includeSettings: true },
					},
					items as unknown as Array<Record<string, unknown>>,
					{ onError: 'continueRegularOutput' },
				),
			);
			expect(result.error).toBeUndefined();
			expect(result.output(NODE).filter((o) => o.json.status !== undefined).length).toBeGreaterThan(
				0,
			);
			expect(checkPairing(result, items)).toEqual([]);
			// one output item per (item, distinct serial), in input order
			const expected: Array<[number, string]> = [];
			items.forEach((item, index) => {
				if (!Array.isArray(item.serials) || item.serials.length === 0)
					expected.push([index, '(invalid)']);
				else for (const s of new Set(item.serials as string[])) expected.push([index, s]);
			});
			expect(
				result
					.output(NODE)
					.map((o) => [pairedIndex(o.pairedItem), (o.json.serial_number as string) ?? '(invalid)']),
			).toEqual(expected);
		},
	);
});

function movilitasAll() {
	tokens('jwt-1');
	echoing(100);
}

const MIXED = {
	productCode: '={{ $json.gtin }}',
	reason: '={{ $json.reason }}',
	serialsSource: '={{ $json.src }}',
	serials: 'unused',
	serialsSeparator: 'none',
	serialsField: 'serials',
	barcodeField: 'serials',
	options: { batchSize: '={{ $json.bs }}', requestsInFlight: 4, includeSettings: true },
};

describe("speed: conflicts among a product's groups, GS1 barcodes, error output", () => {
	it('GTIN-13 list item vs GS1 barcode of the same product with another reason: both refused, the rest paired right', async () => {
		tokens('jwt-1');
		const seen = echoing(20);
		const items = [
			{ src: 'field', gtin: G1.slice(1), reason: 'destroy', serials: ['X', 'Y'], bs: 1 },
			{ src: 'field', gtin: G2, reason: 'destroy', serials: ['X', 'Q', 'X'], bs: 2 },
			{
				src: 'barcode',
				gtin: '',
				reason: 'sample',
				serials: [`(01)${G2}(21)R`, `(01)${G1}(21)X`],
				bs: 1,
			},
			{
				src: 'barcode',
				gtin: '',
				reason: 'destroy',
				serials: [`(01)${G2}(21)Q`, `(01)${G1}(21)Z`, `(01)${G2}(21)Q`],
				bs: 3,
			},
			{ src: 'field', gtin: G1, reason: 'destroy', serials: [], bs: 1 },
			{ src: 'field', gtin: G1, reason: 'destroy', serials: ['Z', 'W', 'Y'], bs: 2 },
		];
		const result = await run(workflow(MIXED, items, { onError: 'continueErrorOutput' }));
		expect(result.error).toBeUndefined();
		const sent = seen.flatMap((s) =>
			(s.body.serials as string[]).map(
				(x) => `${String(s.body.product_code)} ${String(s.body.reason)} ${x}`,
			),
		);
		// G1 X is contradicted (destroy by item 0, sample by item 2): never sent.
		expect(sent.filter((x) => x.startsWith(`${G1}`) && x.endsWith(' X'))).toEqual([]);
		expect([...sent].sort()).toEqual(
			[
				`${G2} destroy X`,
				`${G2} destroy Q`,
				`${G1} destroy Z`,
				`${G1} destroy W`,
				`${G1} destroy Y`,
			].sort(),
		);
		const all = [...result.output(NODE, 0), ...result.output(NODE, 1)];
		const rows = all
			.map((o) => {
				const json = (
					o.json.error && typeof o.json.error === 'object' ? o.json.error : o.json
				) as Record<string, unknown>;
				return [
					pairedIndex(o.pairedItem),
					json.product_code ?? null,
					json.serial_number ?? null,
					json.status ?? 'refused',
				];
			})
			.sort((a, b) => Number(a[0]) - Number(b[0]));
		expect(rows).toEqual([
			[0, null, null, 'refused'],
			[1, G2, 'X', `st ${G2} destroy X`],
			[1, G2, 'Q', `st ${G2} destroy Q`],
			[2, null, null, 'refused'],
			[3, G2, 'Q', `st ${G2} destroy Q`],
			[3, G1, 'Z', `st ${G1} destroy Z`],
			[4, null, null, 'refused'],
			[5, G1, 'Z', `st ${G1} destroy Z`],
			[5, G1, 'W', `st ${G1} destroy W`],
			[5, G1, 'Y', `st ${G1} destroy Y`],
		]);
	});

	it('without Continue On Fail a contradiction through a barcode stops the run before anything is sent', async () => {
		const items = [
			{ src: 'barcode', gtin: '', reason: 'destroy', serials: [`(01)${G1}(21)S9`], bs: 1 },
			{ src: 'field', gtin: G1.slice(1), reason: 'export', serials: ['S9'], bs: 1 },
		];
		const result = await run(workflow(MIXED, items));
		expect(result.error?.message).toMatch(/different settings/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('market and send to market per item by expression: a contradiction is found', async () => {
		const items = [
			{ src: 'field', gtin: G1, reason: 'destroy', serials: ['M1'], bs: 1, stm: false, m: '' },
			{ src: 'field', gtin: G1, reason: 'destroy', serials: ['M1'], bs: 1, stm: true, m: 'EU' },
		];
		const result = await run(
			workflow({ ...MIXED, sendToMarket: '={{ $json.stm }}', marketId: '={{ $json.m }}' }, items),
		);
		expect(result.error?.message).toMatch(/different settings/);
	});
});

describe('speed: answers read after sleep(0), failures with four in flight', () => {
	it('a 502 among four in flight, continue on fail: its serials Unknown, never resent; the others paired right', async () => {
		tokens('jwt-1');
		const seen = movilitas((body, _h, n) => {
			if (body.serials.includes('K3')) return [502, 'bad gateway'];
			if (n % 2 === 0) return ok(body);
			return [
				200,
				{ success: true, data: body.serials.map((s) => ({ serial_number: s, status: `st ${s}` })) },
			];
		}, 20);
		const serials = ['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'K8', 'K1', 'K3'];
		const items = serials.map((s) => ({
			src: 'field',
			gtin: G1,
			reason: 'destroy',
			serials: [s],
			bs: 1,
		}));
		const result = await run(workflow(MIXED, items, { onError: 'continueRegularOutput' }));
		expect(result.error).toBeUndefined();
		const sentSerials = seen.flatMap((s) => s.body.serials as string[]);
		expect(sentSerials.filter((s) => s === 'K3')).toEqual(['K3']);
		expect(sentSerials.length).toBe(8);
		const order = new Map(seen.map((s, i) => [(s.body.serials as string[])[0], i + 1]));
		for (const [serial, status] of statuses(result)) {
			const n = order.get(String(serial));
			const expected =
				serial === 'K3' ? 'Unknown' : n! % 2 === 0 ? 'Decommissioned' : `st ${String(serial)}`;
			expect([serial, status]).toEqual([serial, expected]);
		}
		expect(statuses(result).map((s) => s[0])).toEqual(serials);
	});

	it('without continue on fail, a 500 stops new requests; answered ones are reported in the error, nothing resent', async () => {
		tokens('jwt-1');
		const seen = movilitas(
			(body, _h, n) => (n === 2 ? [500, { success: false, message: 'boom' }] : ok(body)),
			20,
		);
		const items = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9'].map((s) => ({
			src: 'field',
			gtin: G1,
			reason: 'destroy',
			serials: [s],
			bs: 1,
		}));
		const result = await run(workflow(MIXED, items));
		expect(result.error).toBeDefined();
		expect(seen.length).toBeLessThanOrEqual(5);
		const sent = seen.flatMap((s) => s.body.serials as string[]);
		expect(new Set(sent).size).toBe(sent.length);
		const text = visible(result);
		expect(text).not.toMatch(/try again|(?<!never )resend/i);
	});
});

describe('speed: the token read only when it may have changed', () => {
	it('token refused mid-run with four in flight: one refresh, every refused request resent once with the new token, new token masked', async () => {
		tokens('jwt-old-aaaa', 'jwt-new-bbbb');
		const seenTokens: string[] = [];
		const seen = movilitas((body, headers) => {
			const token = String(headers['x-access-token']);
			seenTokens.push(token);
			if (token === 'jwt-old-aaaa' && seenTokens.length > 2)
				return [401, { error: 'InvalidTokenError' }];
			return [
				200,
				{
					success: true,
					message: `ok for ${token}`,
					data: body.serials.map((s) => ({ serial_number: s, status: `Decommissioned` })),
				},
			];
		}, 40);
		const items = Array.from({ length: 12 }, (_, i) => ({
			src: 'field',
			gtin: G1,
			reason: 'destroy',
			serials: [`T${i}`],
			bs: 1,
		}));
		const result = await run(workflow(MIXED, items, { onError: 'continueRegularOutput' }));
		expect(result.error).toBeUndefined();
		expect(statuses(result).map((s) => [s[0], s[1]])).toEqual(
			items.map((i) => [i.serials[0], 'Decommissioned']),
		);
		const accepted = seen.filter((_, i) => !(seenTokens[i] === 'jwt-old-aaaa' && i >= 2));
		const acceptedSerials = accepted.flatMap((s) => s.body.serials as string[]);
		expect(acceptedSerials.sort()).toEqual(items.map((i) => i.serials[0]).sort());
		expect(nock.pendingMocks().filter((m) => m.includes('api_auth'))).toEqual([]);
		expect(visible(result)).not.toContain('jwt-new-bbbb');
	});

	it('another execution stored a new token; ours is refused: the stored one is used, no token fetched', async () => {
		const helper = credentialsHelper(credential('dynamic', { accessToken: 'jwt-mine-1111' }));
		const seenTokens: string[] = [];
		const auth = nock('https://api.movilitas.cloud')
			.post('/v1/api_auth')
			.reply(200, { token: 'jwt-should-not' });
		const seen = movilitas((body, headers, n) => {
			const token = String(headers['x-access-token']);
			seenTokens.push(token);
			if (n === 1) {
				// another execution refreshes meanwhile
				const stored = helper as unknown as {
					credentials: Array<{ data: Record<string, unknown> }>;
				};
				void stored;
				void helper.updateCredentials(
					{ id: 'movilitas-credential-1', name: 'Movilitas API' },
					'movilitasApi',
					{
						...credential('dynamic').data,
						accessToken: 'jwt-other-2222',
					},
				);
				return ok(body);
			}
			if (token === 'jwt-mine-1111') return [401, { error: 'InvalidTokenError' }];
			return [
				200,
				{
					success: true,
					message: `seen ${token}`,
					data: body.serials.map((s) => ({ serial_number: s, status: 'Decommissioned' })),
				},
			];
		}, 20);
		const items = ['U1', 'U2', 'U3'].map((s) => ({
			src: 'field',
			gtin: G1,
			reason: 'destroy',
			serials: [s],
			bs: 1,
		}));
		const result = await run(
			workflow({ ...MIXED, options: { ...MIXED.options, requestsInFlight: 1 } }, items, {
				onError: 'continueRegularOutput',
			}),
			helper,
		);
		expect(statuses(result).map((s) => s[1])).toEqual([
			'Decommissioned',
			'Decommissioned',
			'Decommissioned',
		]);
		expect(auth.isDone()).toBe(false);
		expect(seen.length).toBeLessThanOrEqual(4);
		expect(visible(result)).not.toContain('jwt-other-2222');
		nock.cleanAll();
	});
});

describe('speed: Include Request Settings and run options', () => {
	it('dry run always gives the settings and every serial its own request number', async () => {
		const items = [
			{ src: 'field', gtin: G1, reason: 'destroy', serials: ['D1', 'D2', 'D1'], bs: 1 },
			{ src: 'field', gtin: G1, reason: 'sample', serials: ['E1'], bs: 1 },
			{ src: 'field', gtin: G1, reason: 'destroy', serials: ['D2', 'D3'], bs: 1 },
		];
		const result = await run(
			workflow(
				{ ...MIXED, options: { ...MIXED.options, dryRun: true, includeSettings: false } },
				items,
			),
		);
		expect(result.error).toBeUndefined();
		expect(
			result
				.output(NODE)
				.map((o) => [o.json.serial_number, o.json.reason, o.json.request, o.json.status]),
		).toEqual([
			['D1', 'destroy', 1, 'Validated'],
			['D2', 'destroy', 2, 'Validated'],
			['E1', 'sample', 4, 'Validated'],
			['D2', 'destroy', 2, 'Validated'],
			['D3', 'destroy', 3, 'Validated'],
		]);
	});

	it('includeSettings by expression that is empty for one item refuses the run before anything is sent', async () => {
		const items = [
			{ src: 'field', gtin: G1, reason: 'destroy', serials: ['F1'], bs: 1, inc: true },
			{ src: 'field', gtin: G1, reason: 'destroy', serials: ['F2'], bs: 1 },
		];
		const result = await run(
			workflow(
				{ ...MIXED, options: { ...MIXED.options, includeSettings: '={{ $json.inc }}' } },
				items,
			),
		);
		expect(result.error?.message).toMatch(/Include Request Settings/);
	});
});
