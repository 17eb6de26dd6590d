import {
	AUTH_PATH,
	DECOMMISSION_PATH,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	DEFAULT_PRODUCT_EU,
	DEFAULT_STATIC_TOKEN,
	startRecorder,
	type Recorder,
} from './server';
import { authenticate, decommission, useSandbox, validBody } from './test-helpers';

let recorder: Recorder;
beforeEach(async () => {
	recorder = await startRecorder();
});
afterEach(async () => await recorder.stop());

/** POSTs like a client that follows redirects (fetch's default). */
async function followingPost(url: string, body: unknown, headers: Record<string, string> = {}) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	const json = (await res.json()) as { token?: string; data?: unknown };
	return { status: res.status, url: res.url, json };
}

describe('sandbox faults: redirects to a foreign host', () => {
	const sandbox = useSandbox();

	it('answers the decommission call with a 3xx to the recorder and processes nothing', async () => {
		sandbox.current.configure({ redirects: { next: 4, location: recorder.url } });
		const seen = new Set<number>();
		for (let i = 0; i < 4; i++) {
			const res = await fetch(sandbox.current.url + DECOMMISSION_PATH, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'content-type': 'application/json',
					'x-access-token': DEFAULT_STATIC_TOKEN,
					'x-channel-key': DEFAULT_CHANNEL_KEY,
				},
				body: JSON.stringify(validBody({ serials: [`RD${i}`] })),
			});
			seen.add(res.status);
			expect([301, 302, 307, 308]).toContain(res.status);
			expect(res.headers.get('location')).toBe(`${recorder.url}${DECOMMISSION_PATH}?from=sandbox`);
			expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, `RD${i}`)).toBe('Commissioned');
		}
		expect(seen.size).toBeGreaterThan(1);
		expect(recorder.requests).toEqual([]);
	});

	it('the recorder records a followed 307 with its headers and body, and answers like Movilitas', async () => {
		sandbox.current.configure({
			redirects: { next: 1, statuses: [307], location: recorder.url },
		});
		const res = await followingPost(
			sandbox.current.url + DECOMMISSION_PATH,
			validBody({ serials: ['F1', 'F2'] }),
			{ 'x-access-token': DEFAULT_STATIC_TOKEN, 'x-channel-key': DEFAULT_CHANNEL_KEY },
		);
		expect(res.url.startsWith(recorder.url)).toBe(true);
		expect(res.json.data).toEqual([
			{ serial_number: 'F1', status: 'Decommissioned' },
			{ serial_number: 'F2', status: 'Decommissioned' },
		]);
		expect(recorder.requests).toHaveLength(1);
		expect(recorder.requests[0]).toMatchObject({
			method: 'POST',
			url: `${DECOMMISSION_PATH}?from=sandbox`,
			body: validBody({ serials: ['F1', 'F2'] }),
		});
		expect(recorder.requests[0].headers['x-access-token']).toBe(DEFAULT_STATIC_TOKEN);
		expect(recorder.requests[0].headers['x-channel-key']).toBe(DEFAULT_CHANNEL_KEY);
		// The false answer came from elsewhere: the sandbox decommissioned nothing.
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'F1')).toBe('Commissioned');
		expect(sandbox.current.state.requests.map((r) => r.status)).toEqual([307]);
	});

	it('redirects the auth call only with route auth, and the recorder hands out a token', async () => {
		sandbox.current.configure({
			redirects: { next: 1, route: 'auth', statuses: [308], location: recorder.url },
		});
		expect((await decommission(sandbox.current)).status).toBe(200);
		const res = await followingPost(sandbox.current.url + AUTH_PATH, {
			api_key: 'sandbox-key',
			api_secret: DEFAULT_API_SECRET,
		});
		expect(res.json.token).toBe(recorder.tokens[0]);
		expect(recorder.requests[0].body).toEqual({
			api_key: 'sandbox-key',
			api_secret: DEFAULT_API_SECRET,
		});
		expect(sandbox.current.state.tokensIssued).toEqual([]);
		expect((await authenticate(sandbox.current)).status).toBe(200);
	});

	it('route both redirects either call; a 302 turns a following POST into a GET without body', async () => {
		sandbox.current.configure({
			redirects: { next: 2, route: 'both', statuses: [302], location: recorder.url },
		});
		await followingPost(sandbox.current.url + AUTH_PATH, { api_key: 'k', api_secret: 's' });
		await decommission(sandbox.current);
		expect(recorder.requests.map((r) => [r.method, r.url.split('?')[0], r.body])).toEqual([
			['GET', AUTH_PATH, ''],
			['GET', DECOMMISSION_PATH, ''],
		]);
	});

	it('with echoSecrets the Location query carries the token a client must not repeat', async () => {
		sandbox.current.configure({
			echoSecrets: true,
			redirects: { next: 1, statuses: [307], location: recorder.url },
		});
		const res = await fetch(sandbox.current.url + DECOMMISSION_PATH, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/json',
				'x-access-token': DEFAULT_STATIC_TOKEN,
				'x-channel-key': DEFAULT_CHANNEL_KEY,
			},
			body: JSON.stringify(validBody()),
		});
		expect(res.headers.get('location')).toBe(
			`${recorder.url}${DECOMMISSION_PATH}?session=${DEFAULT_STATIC_TOKEN}`,
		);
	});

	it('refuses a location that is not an http URL and statuses outside 3xx', () => {
		expect(() => sandbox.current.configure({ redirects: { location: 'elsewhere' } })).toThrow(
			'redirects.location must be an http(s) URL',
		);
		expect(() =>
			sandbox.current.configure({ redirects: { location: recorder.url, statuses: [200] } }),
		).toThrow('from 300 to 399');
	});
});
