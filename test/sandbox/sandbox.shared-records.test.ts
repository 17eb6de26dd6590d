/**
 * Hostile tests of 77a9de2: the sandbox makes each serial's store key once per request and
 * stores one record object for all the serials a request decommissions. What the store and the
 * ledger report of each serial must not change.
 */
import { DEFAULT_PRODUCT_EU, DEFAULT_PRODUCT_US, serialKey, type SerialRecord } from './server';
import { decommission, sleep, useSandbox, validBody, type SandboxAnswer } from './test-helpers';

const EU = (serial: string) => serialKey(DEFAULT_PRODUCT_EU, serial);
const US = (serial: string) => serialKey(DEFAULT_PRODUCT_US, serial);

const answered = (json: SandboxAnswer) => json.data.map((d) => [d.serial_number, d.status]);

describe('sandbox: one record per request, shared by its serials', () => {
	const sandbox = useSandbox({ responseOrder: 'request' });
	const record = (serial: string, product = DEFAULT_PRODUCT_EU) =>
		sandbox.current.state.serialRecord(product, serial);

	it('a request repeating a serial: stored once, answered again as already decommissioned, received once', async () => {
		sandbox.current.configure({ alreadyDecommissionedStatus: 'Already decommissioned' });
		const res = await decommission(
			sandbox.current,
			validBody({ serials: ['R1', 'R2', 'R1', 'R1'], reason: 'sample', send_to_market: true }),
		);
		expect(res.status).toBe(200);
		expect(answered(res.json)).toEqual([
			['R1', 'Decommissioned'],
			['R2', 'Decommissioned'],
			['R1', 'Already decommissioned'],
			['R1', 'Already decommissioned'],
		]);
		const ledger = sandbox.current.state.ledger();
		expect(ledger.received.get(EU('R1'))).toBe(1);
		expect(ledger.decommissioned.get(EU('R1'))).toEqual({
			status: 'Decommissioned',
			reason: 'sample',
			marketId: 'EU',
			sendToMarket: true,
			decommissionedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		expect(ledger.decommissioned.get(EU('R2'))).toEqual(ledger.decommissioned.get(EU('R1')));
	});

	it("a serial done by an earlier request keeps its own record; the fresh ones get the new request's", async () => {
		await decommission(sandbox.current, validBody({ serials: ['E1', 'E2'], reason: 'lock' }));
		const first = { ...record('E1')! };
		await sleep(5);
		const res = await decommission(
			sandbox.current,
			validBody({ serials: ['E3', 'E1', 'E4'], reason: 'export', send_to_market: true }),
		);
		expect(answered(res.json)).toEqual([
			['E3', 'Decommissioned'],
			['E1', 'Decommissioned'],
			['E4', 'Decommissioned'],
		]);
		const ledger = sandbox.current.state.ledger();
		expect(ledger.decommissioned.get(EU('E1'))).toEqual(first);
		expect(ledger.decommissioned.get(EU('E2'))).toEqual(first);
		expect(first).toMatchObject({ reason: 'lock', sendToMarket: false, marketId: 'EU' });
		const second = ledger.decommissioned.get(EU('E3'))!;
		expect(second).toMatchObject({ reason: 'export', sendToMarket: true, marketId: 'EU' });
		expect(ledger.decommissioned.get(EU('E4'))).toEqual(second);
		expect(Date.parse(second.decommissionedAt!)).toBeGreaterThan(
			Date.parse(first.decommissionedAt!),
		);
		expect(ledger.received.get(EU('E1'))).toBe(2);
	});

	it("the same serial of two products: two records, each with its own request's details", async () => {
		await decommission(sandbox.current, validBody({ serials: ['P1', 'P2'] }));
		await decommission(
			sandbox.current,
			validBody({
				product_code: DEFAULT_PRODUCT_US,
				market_id: undefined,
				reason: 'free_sample',
				serials: ['P1'],
			}),
		);
		const ledger = sandbox.current.state.ledger();
		expect(ledger.decommissioned.get(EU('P1'))).toMatchObject({
			reason: 'destroy',
			marketId: 'EU',
		});
		// No market in the request: the product's.
		expect(ledger.decommissioned.get(US('P1'))).toMatchObject({
			reason: 'free_sample',
			marketId: 'US',
		});
		expect(ledger.decommissioned.has(US('P2'))).toBe(false);
	});

	it("the ledger's records are copies: changing one changes neither another serial's nor the store", async () => {
		await decommission(sandbox.current, validBody({ serials: ['C1', 'C2'] }));
		const ledger = sandbox.current.state.ledger();
		const c1 = ledger.decommissioned.get(EU('C1'))!;
		expect(c1).not.toBe(ledger.decommissioned.get(EU('C2')));
		(c1 as { reason?: string }).reason = 'lock';
		expect(ledger.decommissioned.get(EU('C2'))?.reason).toBe('destroy');
		expect(record('C1')?.reason).toBe('destroy');
		expect(sandbox.current.state.ledger().decommissioned.get(EU('C1'))?.reason).toBe('destroy');
	});

	it('seeded serials: the ones a request decommissions change, the seeded others keep their own record', async () => {
		sandbox.current.configure({
			products: [{ productCode: DEFAULT_PRODUCT_EU, marketId: 'EU', serials: ['K1', 'K2', 'K3'] }],
		});
		sandbox.current.state.reset();
		await decommission(sandbox.current, validBody({ serials: ['K1', 'K3'], reason: 'lock' }));
		expect(record('K2')).toEqual({ status: 'Commissioned', marketId: 'EU' });
		expect(record('K1')).toMatchObject({ status: 'Decommissioned', reason: 'lock' });
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'K3')).toBe('Decommissioned');
		sandbox.current.state.reset();
		expect([record('K1'), record('K2'), record('K3')]).toEqual([
			{ status: 'Commissioned', marketId: 'EU' },
			{ status: 'Commissioned', marketId: 'EU' },
			{ status: 'Commissioned', marketId: 'EU' },
		]);
		expect(sandbox.current.state.ledger().decommissioned.size).toBe(0);
	});

	it('a request refused as a whole (already decommissioned, error mode) stores nothing, even for its fresh serials', async () => {
		sandbox.current.configure({ alreadyDecommissioned: 'error' });
		await decommission(sandbox.current, validBody({ serials: ['F1'] }));
		const res = await decommission(sandbox.current, validBody({ serials: ['F2', 'F1', 'F3'] }));
		expect(res.status).toBe(409);
		expect([record('F2'), record('F3')]).toEqual([undefined, undefined]);
		// A serial repeated within the request counts as already decommissioned too.
		const repeated = await decommission(sandbox.current, validBody({ serials: ['F4', 'F4'] }));
		expect(repeated.status).toBe(409);
		expect(record('F4')).toBeUndefined();
	});

	it('omitted serials: recorded when omitProcessed, not when it is off; the others recorded either way', async () => {
		sandbox.current.configure({ omitSerials: ['O1', 'O3'] });
		const res = await decommission(sandbox.current, validBody({ serials: ['O1', 'O2'] }));
		expect(answered(res.json)).toEqual([['O2', 'Decommissioned']]);
		expect(record('O1')).toEqual(record('O2'));
		sandbox.current.configure({ omitProcessed: false });
		await decommission(sandbox.current, validBody({ serials: ['O3', 'O4', 'O3'] }));
		expect(record('O3')).toBeUndefined();
		expect(record('O4')).toMatchObject({ status: 'Decommissioned', reason: 'destroy' });
	});

	it("partial failure: refused serials get no record, the others the request's; the ledger agrees with the answer", async () => {
		sandbox.current.configure({ partialFailure: { next: 1, refuseShare: 0.5 } });
		const serials = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'];
		const res = await decommission(
			sandbox.current,
			validBody({ serials, reason: 'check_out', send_to_market: true }),
		);
		expect(res.json.success).toBe(false);
		const ledger = sandbox.current.state.ledger();
		const done = res.json.data
			.filter((d) => d.status === 'Decommissioned')
			.map((d) => d.serial_number);
		const refused = res.json.data
			.filter((d) => d.status !== 'Decommissioned')
			.map((d) => d.serial_number);
		expect(done).toHaveLength(3);
		expect(refused).toHaveLength(3);
		for (const serial of done)
			expect(ledger.decommissioned.get(EU(serial))).toMatchObject({
				reason: 'check_out',
				sendToMarket: true,
				marketId: 'EU',
			});
		for (const serial of refused) expect(ledger.decommissioned.has(EU(serial))).toBe(false);
		// The refused ones go through next time, with that request's details and time.
		await sleep(5);
		await decommission(sandbox.current, validBody({ serials: refused, reason: 'lock' }));
		const after = sandbox.current.state.ledger();
		const firstAt = after.decommissioned.get(EU(done[0]))!.decommissionedAt!;
		for (const serial of refused) {
			const mine = after.decommissioned.get(EU(serial)) as SerialRecord;
			expect(mine).toMatchObject({ reason: 'lock', sendToMarket: false });
			expect(Date.parse(mine.decommissionedAt!)).toBeGreaterThan(Date.parse(firstAt));
		}
		for (const serial of done)
			expect(after.decommissioned.get(EU(serial))).toMatchObject({ reason: 'check_out' });
	});

	it('a serial refused by a partial failure and repeated in the request is refused on its repeat too', async () => {
		sandbox.current.configure({
			partialFailure: { next: 1, refuseShare: 1, refusedStatus: 'Locked' },
		});
		const res = await decommission(sandbox.current, validBody({ serials: ['Z1', 'Z1'] }));
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'Z1')).toBe('Commissioned');
		expect(answered(res.json)).toEqual([
			['Z1', 'Locked'],
			['Z1', 'Locked'],
		]);
		// No entry may claim a decommission that did not happen.
		expect(res.json.data.filter((d) => d.status === 'Decommissioned')).toEqual([]);
	});
});
