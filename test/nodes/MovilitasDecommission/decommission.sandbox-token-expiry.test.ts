import { startSandbox, type Sandbox } from '../../sandbox/server';
import { credential, credentialsHelper, NODE, runScenario } from './scenario';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({
		apiKeys: [{ apiKey: 'key-4f1a9c', apiSecret: 'secret-7d2e8b61' }],
		channelKeys: ['channel-Ky1SpfEX9q'],
	});
});
afterEach(async () => await sandbox.stop());

const sandboxCredential = () =>
	credential('dynamic', { environment: 'custom', baseUrl: sandbox.url });

describe('against the sandbox, a token that expires mid-run', () => {
	it.each([
		['401', 401],
		['403', 403],
	])(
		'(InvalidTokenError with HTTP %s) is refreshed and stored each time it runs out',
		async (_, status) => {
			sandbox.configure({
				expireTokenAfterRequests: 1,
				errorStatus: { InvalidTokenError: status },
			});
			const helper = credentialsHelper(sandboxCredential());

			const result = await runScenario('decommission.token-expired.workflow.json', helper);

			expect(result.error).toBeUndefined();
			expect(
				result.output(NODE).map((item) => [item.json.serial_number, item.json.status]),
			).toEqual([
				['T1', 'Decommissioned'],
				['T2', 'Decommissioned'],
				['T3', 'Decommissioned'],
			]);
			// T1 with token 1; T2 refused, token 2, resent; T3 refused, token 3, resent.
			expect(sandbox.state.decommissionCalls).toBe(5);
			expect(sandbox.state.authCalls).toBe(3);
			expect(helper.updates.map((update) => update.data.accessToken)).toEqual(
				sandbox.state.tokensIssued,
			);
			expect(helper.store.get('movilitas-credential-1')?.data.accessToken).toBe(
				sandbox.state.tokensIssued[2],
			);
		},
	);

	it('reuses the stored token in the next run while it is valid', async () => {
		const helper = credentialsHelper(sandboxCredential());

		await runScenario('decommission.token-expired.workflow.json', helper);
		sandbox.state.reset();
		const second = await runScenario('decommission.token-expired.workflow.json', helper);

		expect(second.error).toBeUndefined();
		expect(sandbox.state.authCalls).toBe(0);
		expect(sandbox.state.decommissionCalls).toBe(3);
		// Already decommissioned by the first run: the sandbox reports them in that status again.
		expect(second.output(NODE).every((item) => item.json.success === true)).toBe(true);
	});
});
