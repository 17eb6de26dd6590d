import { DEFAULT_PRODUCT_EU, DEFAULT_PRODUCT_US, serialKey, startSandbox } from './server';
import { SerialRecords } from './store';
import { decommission, useSandbox, validBody, type SandboxAnswer } from './test-helpers';

const statuses = (json: SandboxAnswer): Record<string, string> =>
	Object.fromEntries(json.data.map((d) => [d.serial_number, d.status]));

describe('sandbox serial store', () => {
	const sandbox = useSandbox();

	it('lists an already decommissioned serial with its status again by default', async () => {
		await decommission(sandbox.current, validBody({ serials: ['A'] }));
		const res = await decommission(sandbox.current, validBody({ serials: ['A', 'B'] }));
		expect(res.status).toBe(200);
		expect(statuses(res.json)).toEqual({ A: 'Decommissioned', B: 'Decommissioned' });
	});

	it('keeps the first decommission details when a serial is sent again', async () => {
		await decommission(sandbox.current, validBody({ serials: ['A'], reason: 'lock' }));
		await decommission(sandbox.current, validBody({ serials: ['A'], reason: 'destroy' }));
		expect(sandbox.current.state.serialRecord(DEFAULT_PRODUCT_EU, 'A')?.reason).toBe('lock');
	});

	it('uses alreadyDecommissionedStatus for repeated serials', async () => {
		sandbox.current.configure({ alreadyDecommissionedStatus: 'Already decommissioned' });
		await decommission(sandbox.current, validBody({ serials: ['A'] }));
		const res = await decommission(sandbox.current, validBody({ serials: ['A', 'B'] }));
		expect(statuses(res.json)).toEqual({ A: 'Already decommissioned', B: 'Decommissioned' });
	});

	it('fails the whole request in alreadyDecommissioned error mode, changing nothing', async () => {
		sandbox.current.configure({ alreadyDecommissioned: 'error' });
		await decommission(sandbox.current, validBody({ serials: ['A'] }));
		const res = await decommission(sandbox.current, validBody({ serials: ['B', 'A'] }));
		expect(res.status).toBe(409);
		expect(res.json).toEqual({
			success: false,
			error: 'SerialStateError',
			message: 'Serials already decommissioned: A',
		});
		expect(sandbox.current.state.serialRecord(DEFAULT_PRODUCT_EU, 'B')).toBeUndefined();
	});

	it('treats a serial repeated within one request as already decommissioned', async () => {
		sandbox.current.configure({
			alreadyDecommissionedStatus: 'Duplicate',
			responseOrder: 'request',
		});
		const res = await decommission(sandbox.current, validBody({ serials: ['A', 'A'] }));
		expect(res.json.data).toEqual([
			{ serial_number: 'A', status: 'Decommissioned' },
			{ serial_number: 'A', status: 'Duplicate' },
		]);
	});

	it('answers unknown serials with unknownSerialStatus when anySerialCommissioned is off', async () => {
		sandbox.current.configure({
			anySerialCommissioned: false,
			products: [{ productCode: DEFAULT_PRODUCT_EU, marketId: 'EU', serials: ['K1', 'K2'] }],
		});
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'X9')).toBeUndefined();
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'K1')).toBe('Commissioned');
		const res = await decommission(sandbox.current, validBody({ serials: ['K1', 'X9'] }));
		expect(statuses(res.json)).toEqual({ K1: 'Decommissioned', X9: 'Not found' });
		expect(sandbox.current.state.serials.has(serialKey(DEFAULT_PRODUCT_EU, 'X9'))).toBe(false);
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'K1')).toBe('Decommissioned');
	});

	it('fails the whole request in unknownSerial error mode, changing nothing', async () => {
		sandbox.current.configure({
			anySerialCommissioned: false,
			unknownSerial: 'error',
			unknownSerialStatus: 'Unused',
			products: [{ productCode: DEFAULT_PRODUCT_EU, serials: ['K1'] }],
		});
		const res = await decommission(sandbox.current, validBody({ serials: ['K1', 'X9', 'X8'] }));
		expect(res.status).toBe(404);
		expect(res.json).toEqual({
			success: false,
			error: 'SerialNotFoundError',
			message: 'Serials not found: X9, X8',
		});
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'K1')).toBe('Commissioned');
	});

	it('leaves omitSerials out of the answer but still decommissions them', async () => {
		sandbox.current.configure({ omitSerials: ['B'] });
		const res = await decommission(sandbox.current, validBody({ serials: ['A', 'B', 'C'] }));
		expect(Object.keys(statuses(res.json)).sort()).toEqual(['A', 'C']);
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'B')).toBe('Decommissioned');
	});

	it('can omit without processing (omitProcessed false)', async () => {
		sandbox.current.configure({ omitSerials: ['B'], omitProcessed: false });
		await decommission(sandbox.current, validBody({ serials: ['A', 'B'] }));
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'A')).toBe('Decommissioned');
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'B')).toBe('Commissioned');
	});

	it('omits a share of serials, at least one', async () => {
		sandbox.current.configure({ omitShare: 0.5 });
		const serials = ['A', 'B', 'C', 'D'];
		const res = await decommission(sandbox.current, validBody({ serials }));
		expect(res.json.data).toHaveLength(2);
		sandbox.current.configure({ omitShare: 0.01 });
		const one = await decommission(sandbox.current, validBody({ serials: ['E', 'F'] }));
		expect(one.json.data).toHaveLength(1);
	});

	it('orders the answer as configured', async () => {
		const serials = ['A', 'B', 'C', 'D', 'E'];
		const order = async (responseOrder: 'request' | 'reverse' | 'shuffle', prefix: string) => {
			sandbox.current.configure({ responseOrder });
			const sent = serials.map((s) => prefix + s);
			const res = await decommission(sandbox.current, validBody({ serials: sent }));
			return { sent, got: res.json.data.map((d) => d.serial_number) as string[] };
		};
		const request = await order('request', 'r');
		expect(request.got).toEqual(request.sent);
		const reverse = await order('reverse', 'v');
		expect(reverse.got).toEqual([...reverse.sent].reverse());
		for (const prefix of ['s1', 's2', 's3']) {
			const shuffle = await order('shuffle', prefix);
			expect(shuffle.got).not.toEqual(shuffle.sent);
			expect([...shuffle.got].sort()).toEqual(shuffle.sent);
		}
	});

	it('shuffles two serials out of request order every time', async () => {
		sandbox.current.configure({ responseOrder: 'shuffle' });
		for (let i = 0; i < 5; i++) {
			const res = await decommission(sandbox.current, validBody({ serials: [`a${i}`, `b${i}`] }));
			expect(res.json.data.map((d) => d.serial_number)).toEqual([`b${i}`, `a${i}`]);
		}
	});

	it('shuffles deterministically for a given seed', async () => {
		const run = async () => {
			const other = await startSandbox({ responseOrder: 'shuffle', seed: 42 });
			try {
				const res = await decommission(other, validBody({ serials: ['1', '2', '3', '4', '5'] }));
				return res.json.data.map((d) => d.serial_number);
			} finally {
				await other.stop();
			}
		};
		expect(await run()).toEqual(await run());
	});

	it('reset() restores seeded serials and forgets requests and tokens', async () => {
		sandbox.current.configure({
			products: [{ productCode: DEFAULT_PRODUCT_EU, marketId: 'EU', serials: ['K1'] }],
		});
		sandbox.current.issueToken();
		await decommission(sandbox.current, validBody({ serials: ['K1', 'K2'] }));
		const state = sandbox.current.state;
		expect(state.serials.size).toBe(2);
		state.reset();
		expect(state.requests).toEqual([]);
		expect(state.tokensIssued).toEqual([]);
		expect(state.decommissionCalls).toBe(0);
		expect([...state.serials.keys()]).toEqual([serialKey(DEFAULT_PRODUCT_EU, 'K1')]);
		expect(state.serialStatus(DEFAULT_PRODUCT_EU, 'K1')).toBe('Commissioned');
	});

	it('rejects unknown or invalid settings loudly', async () => {
		expect(() => sandbox.current.configure({ tokenFeild: 'x' } as never)).toThrow(
			'Unknown sandbox setting "tokenFeild"',
		);
		expect(() => sandbox.current.configure({ errorShape: 'flat' as never })).toThrow(/errorShape/);
		expect(() => sandbox.current.configure({ fail503: { share: 2 } })).toThrow(/fail503.share/);
		await expect(startSandbox({ responseOrder: 'random' as never })).rejects.toThrow(
			/responseOrder/,
		);
		expect(sandbox.current.settings.errorShape).toBe('error');
	});
});

describe('sandbox serial records (one map per product, read as one map by serialKey)', () => {
	it('reads, counts, lists and clears the records of every product by serialKey', () => {
		const records = new SerialRecords();
		const done = { status: 'Decommissioned' as const };
		records.of(DEFAULT_PRODUCT_EU).set('A:1', done);
		records.of(DEFAULT_PRODUCT_EU).set('B', done);
		records.of(DEFAULT_PRODUCT_US).set('A:1', { status: 'Commissioned' });

		expect(records.size).toBe(3);
		// A serial may hold ':' (GS1 CSET 82): the product code, all digits, ends at the first one.
		expect(records.get(serialKey(DEFAULT_PRODUCT_EU, 'A:1'))).toBe(done);
		expect(records.get(serialKey(DEFAULT_PRODUCT_US, 'A:1'))?.status).toBe('Commissioned');
		expect(records.has(serialKey(DEFAULT_PRODUCT_US, 'B'))).toBe(false);
		expect(records.has('no colon')).toBe(false);
		expect([...records.keys()]).toEqual([
			serialKey(DEFAULT_PRODUCT_EU, 'A:1'),
			serialKey(DEFAULT_PRODUCT_EU, 'B'),
			serialKey(DEFAULT_PRODUCT_US, 'A:1'),
		]);
		expect(new Map(records)).toEqual(new Map(records.entries()));
		expect([...records.values()]).toHaveLength(3);
		const seen: string[] = [];
		records.forEach((record, key) => seen.push(`${key}=${record.status}`));
		expect(seen).toContain(`${serialKey(DEFAULT_PRODUCT_US, 'A:1')}=Commissioned`);

		records.clear();
		expect(records.size).toBe(0);
		expect(records.get(serialKey(DEFAULT_PRODUCT_EU, 'B'))).toBeUndefined();
	});
});
