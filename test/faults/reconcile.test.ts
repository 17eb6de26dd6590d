import {
	buildLedger,
	DEFAULT_PRODUCT_EU,
	serialKey,
	type ForeignRequest,
	type RecordedRequest,
	type SerialRecord,
} from '../sandbox/server';
import type { IntendedItem } from './inputs';
import { fragments } from './leaks';
import { reconcile, type OutputItem } from './reconcile';

const SETTINGS = { gtin: DEFAULT_PRODUCT_EU, reason: 'destroy', toMarket: false, market: 'EU' };
const SECRET = 'fc-5Jd1Rb7TgKe4Mn';

function request(serials: string[], over: Partial<RecordedRequest> = {}): RecordedRequest {
	return {
		method: 'POST',
		path: '/v1/manufacturer/v2/api/serials/decommission',
		route: 'decommission',
		headers: {},
		body: {
			product_code: DEFAULT_PRODUCT_EU,
			product_code_schema: 'GTIN',
			reason: 'destroy',
			send_to_market: false,
			market_id: 'EU',
			serials,
		},
		status: 200,
		dropped: false,
		at: 0,
		durationMs: 5,
		...over,
	};
}

function out(item: number, serial: string, over: Record<string, unknown> = {}): OutputItem {
	return {
		json: {
			serial_number: serial,
			status: 'Decommissioned',
			success: true,
			product_code: DEFAULT_PRODUCT_EU,
			reason: 'destroy',
			market_id: 'EU',
			send_to_market: false,
			attempts: 1,
			...over,
		},
		pairedItem: { item },
	};
}

interface Run {
	intended?: IntendedItem[];
	output: OutputItem[];
	requests: RecordedRequest[];
	done?: string[];
	foreign?: ForeignRequest[];
	errorTexts?: string[];
}

function check(run: Run) {
	const records = new Map<string, SerialRecord>(
		(run.done ?? []).map((s) => [serialKey(DEFAULT_PRODUCT_EU, s), { status: 'Decommissioned' }]),
	);
	const result = reconcile({
		intended: run.intended ?? [{ settings: SETTINGS, serials: ['A1', 'A2'] }],
		output: run.output,
		errorTexts: run.errorTexts ?? [],
		ledger: buildLedger(run.requests, records),
		requests: run.requests,
		foreign: run.foreign ?? [],
		secrets: [SECRET],
		timeoutMs: 1000,
	});
	const totals = Object.fromEntries(
		(['lost', 'misreported', 'duplicated', 'leaked'] as const).map((c) => [
			c,
			result.findings.total(c),
		]),
	);
	const texts = [...result.findings.reasons.values()].map((r) => r.text);
	return { result, totals, texts };
}

const clean: Run = {
	output: [out(0, 'A1'), out(0, 'A2')],
	requests: [request(['A1', 'A2'])],
	done: ['A1', 'A2'],
};

describe('reconcile', () => {
	it('finds nothing wrong with a truthful run and counts serials, requests, retries', () => {
		const { result, totals } = check({
			...clean,
			requests: [request(['A1', 'A2'], { status: 503 }), request(['A1', 'A2'])],
			output: [out(0, 'A1', { attempts: 2 }), out(0, 'A2', { attempts: 2 })],
		});
		expect(totals).toEqual({ lost: 0, misreported: 0, duplicated: 0, leaked: 0 });
		expect([result.serials, result.requests, result.retries]).toEqual([2, 2, 1]);
	});

	it('a serial missing from the output is lost; one reported twice is duplicated', () => {
		expect(check({ ...clean, output: [out(0, 'A1')] }).totals.lost).toBe(1);
		const twice = check({ ...clean, output: [out(0, 'A1'), out(0, 'A2'), out(0, 'A2')] });
		expect(twice.totals.duplicated).toBe(1);
	});

	it('splitting one serial: lost, an output serial nobody gave, a serial sent nobody gave', () => {
		const { totals, texts } = check({
			intended: [{ settings: SETTINGS, serials: ['AB,12'] }],
			output: [out(0, 'AB'), out(0, '12')],
			requests: [request(['AB', '12'])],
			done: ['AB', '12'],
		});
		expect(totals.lost).toBe(1);
		expect(totals.misreported).toBe(4);
		expect(texts).toContain('the sandbox received a serial nobody gave');
	});

	it('a claim the sandbox contradicts is misreported, both ways', () => {
		expect(check({ ...clean, done: ['A1'] }).texts).toEqual([
			'reported decommissioned, the sandbox did not',
		]);
		const failed = check({
			...clean,
			output: [out(0, 'A1'), out(0, 'A2', { success: false, status: 'Failed' })],
		});
		expect(failed.texts).toEqual(['decommissioned, reported "Failed"']);
		for (const status of ['Unknown', 'Not confirmed']) {
			const unsure = check({
				...clean,
				output: [out(0, 'A1'), out(0, 'A2', { success: false, status })],
			});
			expect(unsure.totals.misreported).toBe(0);
		}
	});

	it('a 5xx, a dropped connection or a late answer must be reported Unknown, never resent', () => {
		const late = check({
			...clean,
			requests: [request(['A1', 'A2'], { durationMs: 1500 })],
		});
		expect(late.texts).toEqual([
			'last request answered after the timeout, reported "Decommissioned"',
		]);
		const failed = check({
			...clean,
			requests: [request(['A1', 'A2'], { status: 502 })],
			done: [],
			output: [
				out(0, 'A1', { success: false, status: 'Failed' }),
				out(0, 'A2', { success: false, status: 'Unknown' }),
			],
		});
		expect(failed.texts).toEqual(['last request HTTP 502, reported "Failed"']);
		const resent = check({
			...clean,
			requests: [request(['A1', 'A2'], { dropped: true, status: 0 }), request(['A1', 'A2'])],
			output: [out(0, 'A1', { attempts: 2 }), out(0, 'A2', { attempts: 2 })],
		});
		expect(resent.totals).toEqual({ lost: 0, misreported: 0, duplicated: 2, leaked: 0 });
		expect(resent.texts).toEqual(['resent after its request connection dropped']);
	});

	it('more sends than the retry policy allows are duplicated', () => {
		const requests = Array.from({ length: 6 }, (_, i) =>
			request(['A1', 'A2'], { status: i < 5 ? 429 : 200 }),
		);
		const { totals, texts } = check({
			...clean,
			requests,
			output: [out(0, 'A1', { attempts: 6 }), out(0, 'A2', { attempts: 6 })],
		});
		expect(totals.duplicated).toBe(3);
		expect(texts).toEqual([
			'a serial reached the sandbox more than 5 times',
			'a request body was sent more than 5 times',
		]);
	});

	it('other settings, wrong attempts and wrong stated settings are misreported', () => {
		const other = request(['A1', 'A2']);
		(other.body as Record<string, unknown>).reason = 'sample';
		expect(check({ ...clean, requests: [other] }).texts).toEqual([
			'the sandbox received a serial with other settings',
		]);
		const attempts = check({
			...clean,
			output: [out(0, 'A1', { attempts: 3 }), out(0, 'A2', { attempts: undefined })],
		});
		expect(attempts.texts.sort()).toEqual([
			'attempts differs from the times the sandbox received the serial',
			'no attempts count',
		]);
		const stated = check({ ...clean, output: [out(0, 'A1', { reason: 'lock' }), out(0, 'A2')] });
		expect(stated.texts).toEqual(["the output states other settings than the item's"]);
	});

	it('a valid item answered with an error item loses its serials', () => {
		const { totals, texts } = check({
			...clean,
			output: [{ json: { success: false, error: 'boom' }, pairedItem: { item: 0 } }],
			done: [],
			requests: [],
		});
		expect(totals.lost).toBe(2);
		expect(texts).toEqual(['a valid item answered with an error item']);
	});

	it('any 8 characters of a secret leak, in an output item or an error text', () => {
		const cut = `Movilitas said: ...channel=${SECRET.slice(0, 8)}`;
		const { totals } = check({
			...clean,
			output: [out(0, 'A1', { error: cut }), out(0, 'A2')],
			errorTexts: [`masked *** but not ${SECRET.slice(-9)}`],
		});
		expect(totals.leaked).toBe(2);
		expect(check({ ...clean, errorTexts: [`only ${SECRET.slice(0, 7)}`] }).totals.leaked).toBe(0);
	});

	it('a JWT leaks by its payload or signature, not by the header every token shares', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJrZXkiOiJrIn0.c2lnbmF0dXJlLXZhbHVl';
		expect(fragments(jwt).some((f) => 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'.includes(f))).toBe(
			false,
		);
		expect(fragments(jwt)).toContain('c2lnbmF0');
	});

	it('every request that reached the foreign host is a leak, naming the credentials it carried', () => {
		const { totals, texts } = check({
			...clean,
			foreign: [
				{ method: 'POST', url: '/v1/api_auth', headers: {}, body: { api_secret: 'x' }, at: 0 },
				{ method: 'GET', url: '/x?session=1', headers: {}, body: '', at: 0 },
			],
		});
		expect(totals.leaked).toBe(2);
		expect(texts).toEqual([
			'a redirect was followed to a foreign host with api_secret',
			'a redirect was followed to a foreign host',
		]);
	});
});
