import { DECOMMISSION_PATH, DEFAULT_PRODUCT_EU, DEFAULT_PRODUCT_US } from './server';
import { decommission, post, useSandbox, validBody } from './test-helpers';

/** The vendor's sample request and response, verbatim from the contract. */
const SEED_REQUEST = `{
    "product_code": "01234567891234",
    "product_code_schema": "GTIN",
    "reason": "destroy",
    "send_to_market": false,
    "market_id": "EU",
    "serials": [
        "SV902P05IYI4ARW5WWHJ",
        "DI8U86IYQI9KS4G87WGI"
    ]
}`;
const SEED_RESPONSE = {
	success: true,
	message: 'Serials decommissioned',
	data: [
		{ serial_number: 'DI8U86IYQI9KS4G87WGI', status: 'Decommissioned' },
		{ serial_number: 'SV902P05IYI4ARW5WWHJ', status: 'Decommissioned' },
	],
};

describe('sandbox decommission: success', () => {
	const sandbox = useSandbox();

	it('answers the seed sample byte for byte once its product is registered', async () => {
		const before = await decommission(sandbox.current, SEED_REQUEST);
		expect(before.status).toBe(404);
		expect(before.json.error).toBe('ProductError');
		sandbox.current.configure({ products: [{ productCode: '01234567891234', marketId: 'EU' }] });
		const res = await decommission(sandbox.current, SEED_REQUEST);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.text).toBe(JSON.stringify(SEED_RESPONSE));
	});

	it('does not answer in request order and lists every serial once', async () => {
		const serials = ['S1', 'S2', 'S3', 'S4'];
		const res = await decommission(sandbox.current, validBody({ serials }));
		const answered = res.json.data.map((d) => d.serial_number);
		expect(answered).not.toEqual(serials);
		expect([...answered].sort()).toEqual(serials);
		for (const entry of res.json.data) {
			expect(Object.keys(entry)).toEqual(['serial_number', 'status']);
			expect(entry.status).toBe('Decommissioned');
		}
	});

	it('moves the serials to Decommissioned with the request details', async () => {
		const state = sandbox.current.state;
		expect(state.serialStatus(DEFAULT_PRODUCT_US, 'U1')).toBe('Commissioned');
		expect(state.serialRecord(DEFAULT_PRODUCT_US, 'U1')).toBeUndefined();
		const body = validBody({
			product_code: DEFAULT_PRODUCT_US,
			market_id: 'US',
			reason: 'export',
			send_to_market: true,
			serials: ['U1', 'U2'],
		});
		expect((await decommission(sandbox.current, body)).status).toBe(200);
		expect(state.serialRecord(DEFAULT_PRODUCT_US, 'U1')).toEqual({
			status: 'Decommissioned',
			reason: 'export',
			marketId: 'US',
			sendToMarket: true,
			decommissionedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		expect(state.serials.size).toBe(2);
		expect(state.serialStatus(DEFAULT_PRODUCT_EU, 'U1')).toBe('Commissioned');
		expect(state.decommissionCalls).toBe(1);
	});

	it('accepts a request without market_id and uses the product market', async () => {
		const body = validBody({ serials: ['M1'] });
		delete body.market_id;
		expect((await decommission(sandbox.current, body)).status).toBe(200);
		expect(sandbox.current.state.serialRecord(DEFAULT_PRODUCT_EU, 'M1')?.marketId).toBe('EU');
	});

	it('records requests with lower-cased headers and parsed bodies', async () => {
		await decommission(sandbox.current, validBody(), { 'X-Custom-Header': 'Yes' });
		await post(sandbox.current.url + DECOMMISSION_PATH, 'plain text');
		const [first, second] = sandbox.current.state.requests;
		expect(first).toMatchObject({
			method: 'POST',
			path: DECOMMISSION_PATH,
			route: 'decommission',
			status: 200,
			dropped: false,
		});
		expect(first.headers['x-custom-header']).toBe('Yes');
		expect(first.headers['x-channel-key']).toBe('sandbox-channel');
		expect(first.body).toEqual(validBody());
		expect(second.body).toBe('plain text');
		expect(second.status).toBe(401);
	});
});

describe('sandbox decommission: validation', () => {
	const sandbox = useSandbox();
	const without = (field: string) => {
		const body = validBody();
		delete body[field];
		return body;
	};

	it.each([
		['product_code missing', without('product_code'), '"product_code" is required'],
		[
			'product_code number',
			validBody({ product_code: 9506000134352 }),
			'"product_code" must be a string',
		],
		[
			'product_code empty',
			validBody({ product_code: '' }),
			'"product_code" is not allowed to be empty',
		],
		['schema missing', without('product_code_schema'), '"product_code_schema" is required'],
		[
			'schema not GTIN',
			validBody({ product_code_schema: 'gtin' }),
			'"product_code_schema" must be one of [GTIN]',
		],
		['reason missing', without('reason'), '"reason" is required'],
		[
			'reason unknown',
			validBody({ reason: 'stolen' }),
			'"reason" must be one of [destroy, sample, free_sample, check_out, lock, export]',
		],
		['send_to_market missing', without('send_to_market'), '"send_to_market" is required'],
		[
			'send_to_market string',
			validBody({ send_to_market: 'false' }),
			'"send_to_market" must be a boolean',
		],
		[
			'market_id unknown',
			validBody({ market_id: 'DE' }),
			'"market_id" must be one of [EU, US, CHN, IDN]',
		],
		[
			'market_id null',
			validBody({ market_id: null }),
			'"market_id" must be one of [EU, US, CHN, IDN]',
		],
		['serials missing', without('serials'), '"serials" is required'],
		['serials string', validBody({ serials: 'SER-A' }), '"serials" must be an array'],
		['serials empty', validBody({ serials: [] }), '"serials" must contain at least 1 items'],
		['serial number', validBody({ serials: ['A', 7] }), '"serials[1]" must be a string'],
		['serial empty', validBody({ serials: [''] }), '"serials[0]" is not allowed to be empty'],
		['body not JSON', '{"product_code":', 'Request body is not valid JSON'],
		['body an array', '[]', 'Request body must be a JSON object'],
	])('refuses %s with ValidationError and stores nothing', async (_name, body, message) => {
		const res = await decommission(sandbox.current, body);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ success: false, error: 'ValidationError', message });
		expect(sandbox.current.state.serials.size).toBe(0);
	});

	it('refuses a body not sent as application/json', async () => {
		const res = await decommission(sandbox.current, validBody(), { 'content-type': 'text/plain' });
		expect(res.json.message).toBe('Content-Type must be application/json');
	});

	it('enforces maxSerialsPerRequest, strictSerials and rejectUnknownFields when set', async () => {
		const twentyOne = 'A'.repeat(21);
		const loose = [
			validBody({ serials: ['A', 'B', 'C'] }),
			validBody({ serials: [twentyOne] }),
			validBody({ serials: ['A'], note: 'x' }),
		];
		for (const body of loose) expect((await decommission(sandbox.current, body)).status).toBe(200);
		sandbox.current.configure({
			maxSerialsPerRequest: 2,
			strictSerials: true,
			rejectUnknownFields: true,
		});
		const messages = [];
		for (const body of loose)
			messages.push((await decommission(sandbox.current, body)).json.message);
		expect(messages).toEqual([
			'"serials" must contain less than or equal to 2 items',
			'"serials[0]" must be 1 to 20 characters of GS1 character set 82',
			'"note" is not allowed',
		]);
	});
});
