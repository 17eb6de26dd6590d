import { DEFAULT_PRODUCT_EU, startSandbox, type Sandbox } from './server';
import { authenticate, decommission, sleep, useSandbox, validBody } from './test-helpers';

async function statusesOf(sandbox: Sandbox, count: number): Promise<Array<number | 'dropped'>> {
	const seen: Array<number | 'dropped'> = [];
	for (let i = 0; i < count; i++) {
		try {
			seen.push((await decommission(sandbox, validBody({ serials: [`N${i}`] }))).status);
		} catch {
			seen.push('dropped');
		}
	}
	return seen;
}

describe('sandbox faults', () => {
	const sandbox = useSandbox();

	it('delays decommission answers by at least latencyMs, but not auth by default', async () => {
		sandbox.current.configure({ latencyMs: 150 });
		const started = Date.now();
		expect((await decommission(sandbox.current)).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(145);
		expect(sandbox.current.state.requests[0].durationMs).toBeGreaterThanOrEqual(145);
		await authenticate(sandbox.current);
		expect(sandbox.current.state.requests[1].durationMs).toBeLessThan(145);
	});

	it('handles a request when it arrives and holds its answer (a fault answer too) for latencyMs', async () => {
		const slow = await startSandbox({ latencyMs: 60_000 });
		try {
			let answered = false;
			// Never awaited: its answer would come a minute later; stop() below ends it.
			void decommission(slow, validBody({ serials: ['H1'] })).then(
				() => (answered = true),
				() => undefined,
			);
			// Decommissioned at arrival, a minute before its answer would go out.
			const status = () => slow.state.serialStatus(DEFAULT_PRODUCT_EU, 'H1');
			for (let i = 0; i < 400 && status() !== 'Decommissioned'; i++) await sleep(5);
			expect(status()).toBe('Decommissioned');
			expect(answered).toBe(false);
		} finally {
			await slow.stop();
		}
		sandbox.current.configure({ latencyMs: 400, fail503: { next: 1 } });
		const started = Date.now();
		expect((await decommission(sandbox.current, validBody({ serials: ['H2'] }))).status).toBe(503);
		expect(Date.now() - started).toBeGreaterThanOrEqual(395);
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'H2')).not.toBe('Decommissioned');
	});

	it('answers 429 with Retry-After over the rate limit and recovers after the window', async () => {
		sandbox.current.configure({ rateLimit: { limit: 2, windowMs: 300, retryAfterSeconds: 7 } });
		expect(await statusesOf(sandbox.current, 3)).toEqual([200, 200, 429]);
		const limited = await decommission(sandbox.current, validBody({ serials: ['L1'] }));
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(limited.json).toEqual({
			success: false,
			error: 'RateLimitError',
			message: 'Too many requests, retry later',
		});
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'L1')).toBe('Commissioned');
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect((await decommission(sandbox.current)).status).toBe(200);
	});

	it('answers 503 to the next N requests without changing state', async () => {
		sandbox.current.configure({ fail503: { next: 2 } });
		expect(await statusesOf(sandbox.current, 3)).toEqual([503, 503, 200]);
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'N0')).toBe('Commissioned');
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'N2')).toBe('Decommissioned');
		expect(sandbox.current.state.requests.map((r) => r.status)).toEqual([503, 503, 200]);
	});

	it('answers 503 to a seeded share of requests, the same on every run', async () => {
		const run = async () => {
			const other = await startSandbox({ fail503: { share: 0.5 }, seed: 7 });
			try {
				return await statusesOf(other, 20);
			} finally {
				await other.stop();
			}
		};
		const first = await run();
		expect(first).toEqual(await run());
		expect(first.filter((s) => s === 503).length).toBeGreaterThan(2);
		expect(first.filter((s) => s === 200).length).toBeGreaterThan(2);
	});

	it('can answer 503 with an HTML page like a gateway', async () => {
		sandbox.current.configure({ fail503: { next: 1, html: true } });
		const res = await decommission(sandbox.current);
		expect(res.status).toBe(503);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		expect(res.json).toBeUndefined();
	});

	it('drops the connection without answering and without processing', async () => {
		sandbox.current.configure({ dropConnections: { next: 1 } });
		await expect(decommission(sandbox.current, validBody({ serials: ['D1'] }))).rejects.toThrow();
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'D1')).toBe('Commissioned');
		expect(sandbox.current.state.requests[0]).toMatchObject({ dropped: true, status: 0 });
		expect((await decommission(sandbox.current, validBody({ serials: ['D1'] }))).status).toBe(200);
	});

	it('with afterProcessing, decommissions first and then drops', async () => {
		sandbox.current.configure({ dropConnections: { next: 1, afterProcessing: true } });
		await expect(decommission(sandbox.current, validBody({ serials: ['D2'] }))).rejects.toThrow();
		expect(sandbox.current.state.serialStatus(DEFAULT_PRODUCT_EU, 'D2')).toBe('Decommissioned');
	});

	it('drops a seeded share of connections', async () => {
		sandbox.current.configure({ dropConnections: { share: 0.5 }, seed: 3 });
		const seen = await statusesOf(sandbox.current, 16);
		expect(seen.filter((s) => s === 'dropped').length).toBeGreaterThan(1);
		expect(seen.filter((s) => s === 200).length).toBeGreaterThan(1);
	});

	it('applies faults to api_auth only with faultsOnAuth', async () => {
		sandbox.current.configure({ fail503: { next: 1 } });
		expect((await authenticate(sandbox.current)).status).toBe(200);
		sandbox.current.configure({ fail503: { next: 1 }, faultsOnAuth: true });
		expect((await authenticate(sandbox.current)).status).toBe(503);
		expect(sandbox.current.state.tokensIssued).toHaveLength(1);
	});

	it('expires a dynamic token after N decommission requests, not static ones', async () => {
		sandbox.current.configure({ expireTokenAfterRequests: 2 });
		const { json } = await authenticate(sandbox.current);
		const headers = { 'x-access-token': json.token as string };
		const seen = [];
		for (let i = 0; i < 3; i++) {
			seen.push((await decommission(sandbox.current, undefined, headers)).status);
		}
		expect(seen).toEqual([200, 200, 401]);
		const last = await decommission(sandbox.current, undefined, headers);
		expect(last.json).toEqual({
			success: false,
			error: 'InvalidTokenError',
			message: 'Failed to authenticate token: jwt expired',
		});
		const fresh = await authenticate(sandbox.current);
		const again = { 'x-access-token': fresh.json.token as string };
		expect((await decommission(sandbox.current, undefined, again)).status).toBe(200);
		expect(await statusesOf(sandbox.current, 3)).toEqual([200, 200, 200]);
	});

	it('can answer InvalidTokenError with HTTP 200 (tokenErrorInOkBody)', async () => {
		sandbox.current.configure({ tokenErrorInOkBody: true, errorShape: 'type' });
		const res = await decommission(sandbox.current, undefined, { 'x-access-token': 'x.y.z' });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			success: false,
			type: 'InvalidTokenError',
			message: 'Failed to authenticate token: invalid signature',
		});
		expect((await decommission(sandbox.current, undefined, { 'x-access-token': '' })).status).toBe(
			401,
		);
	});

	it('checks the rate limit before 503 and 503 before drops', async () => {
		sandbox.current.configure({
			rateLimit: { limit: 1, windowMs: 60000, retryAfterSeconds: 1 },
			fail503: { next: 5 },
			dropConnections: { next: 5 },
		});
		expect(await statusesOf(sandbox.current, 2)).toEqual([503, 429]);
		sandbox.current.configure({ rateLimit: null, fail503: null });
		expect(await statusesOf(sandbox.current, 1)).toEqual(['dropped']);
	});
});
