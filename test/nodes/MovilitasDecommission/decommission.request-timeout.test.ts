import { setTimeout as sleep } from 'node:timers/promises';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import {
	credential,
	credentialsHelper,
	NODE,
	RESEND_ADVICE,
	runScenario,
	visibleText,
	type ScenarioChanges,
} from './scenario';

// A real loopback server rather than nock: nock's .delay() does not trip the timeout of the
// agent n8n-core gives axios, so only a server that is really slow tests the option.
const GTIN = '09506000134352';
const LATENCY_MS = 1500;

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({
		apiKeys: [{ apiKey: 'key-4f1a9c', apiSecret: 'secret-7d2e8b61' }],
		channelKeys: ['channel-Ky1SpfEX9q'],
		latencyMs: LATENCY_MS,
	});
});
afterEach(async () => await sandbox.stop());

const run = (changes: ScenarioChanges = {}) =>
	runScenario(
		'decommission.request-timeout.workflow.json',
		credentialsHelper(credential('dynamic', { environment: 'custom', baseUrl: sandbox.url })),
		changes,
	);

describe('issue 6 point 9: Request Timeout', () => {
	it('an answer slower than the timeout (1 s) is Unknown and never resent', async () => {
		const result = await run();

		expect(sandbox.state.decommissionCalls).toBe(1);
		expect(result.error?.message).toBe('Movilitas did not answer within 1 s (Request Timeout)');
		expect(result.error?.description).toContain(
			'Serials of this run: 0 confirmed, 0 failed, 0 not confirmed, 2 unknown, 0 not sent.',
		);
		expect(result.error?.description).toContain('their state is unknown or not confirmed: T1, T2.');
		expect(visibleText(result)).not.toMatch(RESEND_ADVICE);
		// Movilitas went on and did the work: exactly why the node must not resend.
		await sleep(LATENCY_MS);
		expect(sandbox.state.decommissionCalls).toBe(1);
		expect(sandbox.state.serialStatus(GTIN, 'T1')).toBe('Decommissioned');
	});

	it('with Continue On Fail every serial of the request is Unknown after one attempt', async () => {
		const result = await run({ node: { onError: 'continueRegularOutput' } });

		expect(sandbox.state.decommissionCalls).toBe(1);
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			expect.objectContaining({ serial_number: 'T1', status: 'Unknown', attempts: 1 }),
			expect.objectContaining({ serial_number: 'T2', status: 'Unknown', attempts: 1 }),
		]);
		expect(result.output(NODE)[0].json.error).toBe(
			'Movilitas did not answer within 1 s (Request Timeout)',
		);
		await sleep(LATENCY_MS);
	});

	it('the same answer within a longer timeout is a success', async () => {
		const result = await run({ parameters: { options: { requestTimeout: 3 } } });

		expect(result.error).toBeUndefined();
		expect(sandbox.state.decommissionCalls).toBe(1);
		expect(result.output(NODE).map((item) => item.json.status)).toEqual([
			'Decommissioned',
			'Decommissioned',
		]);
	});
});
