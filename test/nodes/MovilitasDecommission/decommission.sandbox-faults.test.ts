import { startSandbox, type ErrorShape, type Sandbox } from '../../sandbox/server';
import { credential, credentialsHelper, NODE, runScenario } from './scenario';

const GTIN = '09506000134352';
const SERIALS = ['SV902P05IYI4ARW5WWHJ', 'DI8U86IYQI9KS4G87WGI'];

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({
		apiKeys: [{ apiKey: 'key-4f1a9c', apiSecret: 'secret-7d2e8b61' }],
		channelKeys: ['channel-Ky1SpfEX9q'],
	});
});
afterEach(async () => await sandbox.stop());

const run = (data: Record<string, string> = {}) =>
	runScenario(
		'decommission.sandbox-faults.workflow.json',
		credentialsHelper(
			credential('dynamic', { environment: 'custom', baseUrl: sandbox.url, ...data }),
		),
	);

describe('against the sandbox: every plausible error body shape', () => {
	it.each(['type', 'name', 'error', 'nested', 'message'] as ErrorShape[])(
		'a ProductError in the %s shape is named as such',
		async (errorShape) => {
			sandbox.configure({ errorShape, products: [{ productCode: '05012345678900' }] });

			const result = await run();

			expect(result.error?.message).toBe(
				`Movilitas ProductError (product ${GTIN}): the product does not exist (HTTP 404)`,
			);
		},
	);

	it('an InvalidTokenError inside an HTTP 200 is refreshed once like a 401, then reported', async () => {
		sandbox.configure({ tokenErrorInOkBody: true, expireTokenAfterRequests: 0 });

		const result = await run();

		expect(result.error?.message).toContain('Movilitas refused a freshly issued token');
		expect(sandbox.state.authCalls).toBe(2);
		expect(sandbox.state.decommissionCalls).toBe(2);
	});

	it('a wrong channel key points at the credential', async () => {
		const result = await run({ channelSecretKey: 'channel-wrong-1' });

		expect(result.error?.message).toContain('ChannelError (HTTP 403)');
		expect(result.error?.description).toContain('Check the Channel Key');
		expect(sandbox.state.decommissionCalls).toBe(1);
	});
});

describe('against the sandbox: faults', () => {
	it.each([
		[
			'a 429 with Retry-After',
			{ rateLimit: { limit: 1, windowMs: 1000, retryAfterSeconds: 1 }, faultsOnAuth: true },
			429,
		],
		['a 503', { fail503: { next: 1 } }, 503],
	])('waits out %s, then every serial is decommissioned once', async (_, faults, status) => {
		sandbox.configure(faults);

		const result = await run();

		expect(result.error).toBeUndefined();
		const statuses = sandbox.state.requests
			.filter((r) => r.route === 'decommission')
			.map((r) => r.status);
		expect(statuses).toEqual([status, 200]);
		expect(result.output(NODE).map((item) => item.json.status)).toEqual([
			'Decommissioned',
			'Decommissioned',
		]);
		for (const serial of SERIALS)
			expect(sandbox.state.serialStatus(GTIN, serial)).toBe('Decommissioned');
	});

	it('a connection dropped after Movilitas processed the request is not resent, and says so', async () => {
		sandbox.configure({ dropConnections: { next: 1, afterProcessing: true } });

		const result = await run();

		expect(result.error?.message).toBe(
			'The connection to Movilitas was lost after the request was sent',
		);
		expect(result.error?.description).toContain('Movilitas may or may not have processed');
		expect(result.error?.description).toContain(
			`Check these 2 serial(s) in Movilitas: their state is unknown or not confirmed: ${SERIALS.join(', ')}.`,
		);
		expect(sandbox.state.decommissionCalls).toBe(1);
		// The sandbox did decommission them: exactly the case where resending would be a second act.
		for (const serial of SERIALS)
			expect(sandbox.state.serialStatus(GTIN, serial)).toBe('Decommissioned');
	});

	it('serials the answer leaves out are reported as not confirmed', async () => {
		sandbox.configure({ omitSerials: [SERIALS[1]] });

		const result = await run();

		expect(result.output(NODE).map((item) => [item.json.serial_number, item.json.status])).toEqual([
			[SERIALS[0], 'Decommissioned'],
			[SERIALS[1], 'Not confirmed'],
		]);
	});
});
