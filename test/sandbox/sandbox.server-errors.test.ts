import { DECOMMISSION_PATH, DEFAULT_PRODUCT_EU, startSandbox, type Sandbox } from './server';
import { decommission, sleep, useSandbox, validBody } from './test-helpers';

const statusOf = (sandbox: Sandbox, serial: string) =>
	sandbox.state.serialStatus(DEFAULT_PRODUCT_EU, serial);

describe('sandbox faults: 5xx other than 503', () => {
	const sandbox = useSandbox();

	it('answers 500, 502 or 504 before processing: nothing is decommissioned', async () => {
		sandbox.current.configure({ serverErrors: { next: 6 } });
		const seen = new Set<number>();
		for (let i = 0; i < 6; i++) {
			const res = await decommission(sandbox.current, validBody({ serials: [`E${i}`] }));
			seen.add(res.status);
			expect([500, 502, 504]).toContain(res.status);
			expect(statusOf(sandbox.current, `E${i}`)).toBe('Commissioned');
		}
		expect(seen.size).toBeGreaterThan(1);
		expect((await decommission(sandbox.current)).status).toBe(200);
	});

	it('with afterProcessing, decommissions and then answers the 5xx', async () => {
		sandbox.current.configure({
			serverErrors: { next: 1, statuses: [502], afterProcessing: true },
		});
		const res = await decommission(sandbox.current, validBody({ serials: ['E-A'] }));
		expect(res.status).toBe(502);
		expect(res.json).toEqual({ success: false, message: 'Bad Gateway' });
		expect(statusOf(sandbox.current, 'E-A')).toBe('Decommissioned');
	});

	it('can answer with a gateway HTML page', async () => {
		sandbox.current.configure({ serverErrors: { next: 1, statuses: [504], html: true } });
		const res = await decommission(sandbox.current);
		expect(res.status).toBe(504);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		expect(res.text).toContain('504 Gateway Timeout');
	});

	it('draws the statuses and the before/after split from the seed, the same on every run', async () => {
		const run = async () => {
			const other = await startSandbox({
				seed: 11,
				serverErrors: { share: 0.6, afterProcessing: 0.5 },
			});
			try {
				const seen: string[] = [];
				for (let i = 0; i < 16; i++) {
					const { status } = await decommission(other, validBody({ serials: [`S${i}`] }));
					seen.push(`${status}:${statusOf(other, `S${i}`)}`);
				}
				return seen;
			} finally {
				await other.stop();
			}
		};
		const first = await run();
		expect(await run()).toEqual(first);
		const faulted = first.filter((s) => !s.startsWith('200'));
		expect(faulted.some((s) => s.endsWith('Decommissioned'))).toBe(true);
		expect(faulted.some((s) => s.endsWith('Commissioned') && !s.endsWith('Decommissioned'))).toBe(
			true,
		);
	});

	it('refuses 503 among serverErrors.statuses (that is fail503) and non-5xx statuses', async () => {
		expect(() => sandbox.current.configure({ serverErrors: { statuses: [503] } })).toThrow(
			'must not hold 503',
		);
		expect(() => sandbox.current.configure({ serverErrors: { statuses: [404] } })).toThrow(
			'from 500 to 599',
		);
	});
});

describe('sandbox faults: 503 after processing, 429 storms', () => {
	const sandbox = useSandbox();

	it('a 503 after processing has decommissioned the serials it claims it did not process', async () => {
		sandbox.current.configure({
			fail503: { next: 1, afterProcessing: true, retryAfterSeconds: 2 },
		});
		const res = await decommission(sandbox.current, validBody({ serials: ['U1'] }));
		expect(res.status).toBe(503);
		expect(res.headers.get('retry-after')).toBe('2');
		expect(statusOf(sandbox.current, 'U1')).toBe('Decommissioned');
	});

	it('storms 429 with a Retry-After drawn from a range, processing nothing', async () => {
		sandbox.current.configure({ fail429: { next: 8, retryAfterSeconds: [0, 1] } });
		const waits = new Set<string | null>();
		for (let i = 0; i < 8; i++) {
			const res = await decommission(sandbox.current, validBody({ serials: [`R${i}`] }));
			expect(res.status).toBe(429);
			expect(res.json.error).toBe('RateLimitError');
			waits.add(res.headers.get('retry-after'));
			expect(statusOf(sandbox.current, `R${i}`)).toBe('Commissioned');
		}
		expect([...waits].sort()).toEqual(['0', '1']);
		expect((await decommission(sandbox.current)).status).toBe(200);
	});
});

describe('sandbox faults: slow answers', () => {
	const sandbox = useSandbox();

	async function abortAfter(ms: number, serial: string): Promise<string> {
		try {
			await fetch(sandbox.current.url + DECOMMISSION_PATH, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-access-token': 'sandbox-static-token',
					'x-channel-key': 'sandbox-channel',
				},
				body: JSON.stringify(validBody({ serials: [serial] })),
				signal: AbortSignal.timeout(ms),
			});
			return 'answered';
		} catch (error) {
			return (error as Error).name;
		}
	}

	it('answers after delayMs and applies the request late, even when the client gave up', async () => {
		sandbox.current.configure({ slowAnswers: { next: 1, delayMs: 400 } });
		expect(await abortAfter(100, 'SL1')).toBe('TimeoutError');
		expect(statusOf(sandbox.current, 'SL1')).toBe('Commissioned');
		await sandbox.current.settle();
		expect(statusOf(sandbox.current, 'SL1')).toBe('Decommissioned');
		expect(sandbox.current.state.requests[0].durationMs).toBeGreaterThanOrEqual(395);
	});

	it('with afterProcessing, applies at once and only the answer is late', async () => {
		sandbox.current.configure({ slowAnswers: { next: 1, delayMs: 400, afterProcessing: true } });
		expect(await abortAfter(100, 'SL2')).toBe('TimeoutError');
		expect(statusOf(sandbox.current, 'SL2')).toBe('Decommissioned');
		await sandbox.current.settle();
	});

	it('answers normally once the slow answers are used up; settle() waits for late ones', async () => {
		sandbox.current.configure({ slowAnswers: { next: 1, delayMs: 300 } });
		const started = Date.now();
		const late = decommission(sandbox.current, validBody({ serials: ['SL3'] }));
		await sleep(50);
		expect((await decommission(sandbox.current, validBody({ serials: ['SL4'] }))).status).toBe(200);
		await sandbox.current.settle();
		expect(Date.now() - started).toBeGreaterThanOrEqual(295);
		expect((await late).status).toBe(200);
	});
});
