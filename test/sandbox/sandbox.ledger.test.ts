import {
	DEFAULT_PRODUCT_EU,
	DEFAULT_PRODUCT_US,
	serialKey,
	settingsKey,
	startRecorder,
} from './server';
import { authenticate, decommission, useSandbox, validBody } from './test-helpers';

const EU = (serial: string) => serialKey(DEFAULT_PRODUCT_EU, serial);

describe('sandbox ledger', () => {
	const sandbox = useSandbox();

	it('counts every arrival of a serial, whatever the answer, and what was decommissioned', async () => {
		sandbox.current.configure({ fail503: { next: 1 } });
		const body = validBody({ serials: ['L1', 'L2', 'L2'] });
		expect((await decommission(sandbox.current, body)).status).toBe(503);
		expect((await decommission(sandbox.current, body)).status).toBe(200);
		await decommission(sandbox.current, body, { 'x-access-token': 'forged' });
		await decommission(
			sandbox.current,
			validBody({
				product_code: DEFAULT_PRODUCT_US,
				market_id: 'US',
				reason: 'export',
				serials: ['L1'],
			}),
		);

		const ledger = sandbox.current.state.ledger();
		expect(ledger.received.get(EU('L1'))).toBe(3);
		expect(ledger.received.get(EU('L2'))).toBe(3);
		expect(ledger.received.get(serialKey(DEFAULT_PRODUCT_US, 'L1'))).toBe(1);
		expect(ledger.bodies.get(JSON.stringify(body))).toBe(3);
		expect([...ledger.settings.get(EU('L1'))!]).toEqual([
			settingsKey(DEFAULT_PRODUCT_EU, 'destroy', false, 'EU'),
		]);
		expect([...ledger.decommissioned.keys()].sort()).toEqual(
			[EU('L1'), EU('L2'), serialKey(DEFAULT_PRODUCT_US, 'L1')].sort(),
		);
		expect(ledger.decommissioned.get(serialKey(DEFAULT_PRODUCT_US, 'L1'))).toMatchObject({
			reason: 'export',
			marketId: 'US',
			sendToMarket: false,
		});
	});

	it('records each distinct setting a serial arrived with', async () => {
		await decommission(sandbox.current, validBody({ serials: ['M1'] }));
		await decommission(sandbox.current, validBody({ serials: ['M1'], send_to_market: true }));
		expect(sandbox.current.state.ledger().settings.get(EU('M1'))?.size).toBe(2);
	});

	it('is empty again after reset()', async () => {
		await decommission(sandbox.current, validBody({ serials: ['R1'] }));
		sandbox.current.state.reset();
		const ledger = sandbox.current.state.ledger();
		expect([ledger.received.size, ledger.bodies.size, ledger.decommissioned.size]).toEqual([
			0, 0, 0,
		]);
	});

	it('records the presence of the token and channel headers of every request', async () => {
		await decommission(sandbox.current, validBody(), { 'x-channel-key': '' });
		const [request] = sandbox.current.state.requests;
		expect(request.headers['x-access-token']).toBe('sandbox-static-token');
		expect(request.headers['x-channel-key']).toBe('');
		expect(request.body).toEqual(validBody());
	});
});

describe('sandbox: honestAfterProcessing', () => {
	const sandbox = useSandbox({ alreadyDecommissionedStatus: 'Already decommissioned' });

	it('after a 503 that came after processing, the same body is answered truthfully', async () => {
		sandbox.current.configure({
			honestAfterProcessing: true,
			fail503: { next: 3, afterProcessing: true },
		});
		const body = validBody({ serials: ['H1'] });
		expect((await decommission(sandbox.current, body)).status).toBe(503);
		const resent = await decommission(sandbox.current, body);
		expect(resent.status).toBe(200);
		expect(resent.json.data).toEqual([{ serial_number: 'H1', status: 'Already decommissioned' }]);
		// Another body still meets the remaining 503s.
		expect((await decommission(sandbox.current, validBody({ serials: ['H2'] }))).status).toBe(503);
	});

	it('also spares a processed body from 429 storms and redirects, not from drops or 5xx', async () => {
		const recorder = await startRecorder();
		const body = validBody({ serials: ['H3'] });
		expect((await decommission(sandbox.current, body)).status).toBe(200);
		sandbox.current.configure({
			honestAfterProcessing: true,
			fail429: { share: 1 },
			redirects: { share: 1, statuses: [307], location: recorder.url },
		});
		try {
			expect((await decommission(sandbox.current, body)).status).toBe(200);
			// fetch follows the 307 to the recorder, which answers 200 in the sandbox's place.
			await decommission(sandbox.current, validBody({ serials: ['H4'] }));
			expect(recorder.requests).toHaveLength(1);
			sandbox.current.configure({ redirects: null, serverErrors: { share: 1, statuses: [502] } });
			expect((await decommission(sandbox.current, body)).status).toBe(502);
		} finally {
			await recorder.stop();
		}
	});

	it('also accepts a used-up token for a processed body, never for a fresh one', async () => {
		sandbox.current.configure({
			honestAfterProcessing: true,
			expireTokenAfterRequests: 1,
			fail503: { next: 1, afterProcessing: true },
		});
		const token = (await authenticate(sandbox.current)).json.token as string;
		const headers = { 'x-access-token': token };
		const body = validBody({ serials: ['H6'] });
		expect((await decommission(sandbox.current, body, headers)).status).toBe(503);
		expect((await decommission(sandbox.current, body, headers)).status).toBe(200);
		const fresh = validBody({ serials: ['H7'] });
		expect((await decommission(sandbox.current, fresh, headers)).status).toBe(401);
	});

	it('is off by default: a processed body can be told 503 again', async () => {
		sandbox.current.configure({ fail503: { next: 2, afterProcessing: true } });
		const body = validBody({ serials: ['H5'] });
		expect((await decommission(sandbox.current, body)).status).toBe(503);
		expect((await decommission(sandbox.current, body)).status).toBe(503);
	});
});
