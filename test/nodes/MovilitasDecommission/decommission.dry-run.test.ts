import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

import nock from 'nock';

import {
	acceptDecommissions,
	AUTH_PATH,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
	type ScenarioChanges,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.dry-run.workflow.json';

/**
 * Runs the workflow while watching every way this process could open a connection; returns
 * the result and how many connections were attempted.
 */
async function runWatched(changes: ScenarioChanges, helper = credentialsHelper(credential())) {
	const spies = [
		jest.spyOn(http, 'request'),
		jest.spyOn(https, 'request'),
		jest.spyOn(net.Socket.prototype, 'connect'),
		jest.spyOn(tls, 'connect'),
		jest.spyOn(globalThis, 'fetch'),
	];
	try {
		const result = await runScenario(WORKFLOW, helper, changes);
		return { result, connections: spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0) };
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
}

describe('issue 9: Dry Run', () => {
	it('validates and batches every serial, numbers its request, and opens no connection at all', async () => {
		const auth = nock(PRODUCTION).post(AUTH_PATH).reply(200, { token: 'jwt-1' });
		const api = nock(PRODUCTION).post(DECOMMISSION_PATH).reply(200, {});
		const helper = credentialsHelper(credential());

		const { result, connections } = await runWatched({}, helper);

		expect(connections).toBe(0);
		expect(auth.isDone()).toBe(false);
		expect(api.isDone()).toBe(false);
		expect(nock.pendingMocks()).toHaveLength(2);
		nock.cleanAll();
		// Not even the token call: n8n was never asked to authenticate.
		expect(helper.preAuthenticationCalls).toBe(0);
		expect(helper.authenticateCalls).toBe(0);
		expect(helper.updates).toEqual([]);

		expect(result.error).toBeUndefined();
		const common = { status: 'Validated', success: false, dry_run: true, attempts: 0 };
		expect(
			result.output(NODE).map((item) => ({
				...item.json,
				message: undefined,
				pairedItem: item.pairedItem,
			})),
		).toEqual(
			[
				{
					serial_number: 'D1',
					product_code: '09506000134352',
					request: 1,
					pairedItem: { item: 0 },
				},
				{
					serial_number: 'D2',
					product_code: '09506000134352',
					request: 1,
					pairedItem: { item: 0 },
				},
				{
					serial_number: 'D3',
					product_code: '09506000134352',
					request: 2,
					pairedItem: { item: 0 },
				},
				{
					serial_number: 'D4',
					product_code: '05012345678900',
					request: 3,
					pairedItem: 1,
				},
				{
					serial_number: 'D2',
					product_code: '09506000134352',
					request: 1,
					pairedItem: 2,
				},
				{
					serial_number: 'D5',
					product_code: '09506000134352',
					request: 2,
					pairedItem: 2,
				},
			].map((expected) => ({
				...common,
				reason: 'destroy',
				market_id: null,
				send_to_market: false,
				message: undefined,
				...expected,
			})),
		);
		expect(result.output(NODE)[0].json.message).toContain('not sent to Movilitas');
	});

	it('the same watch sees the connections of a run that is not dry', async () => {
		acceptDecommissions(3);
		const { result, connections } = await runWatched({
			parameters: { options: { dryRun: false } },
		});

		expect(result.error).toBeUndefined();
		// One token call and three decommissions.
		expect(connections).toBeGreaterThanOrEqual(4);
		expect(result.output(NODE).every((item) => item.json.status === 'Decommissioned')).toBe(true);
	});

	it('still refuses invalid input before anything, exactly as a real run would', async () => {
		const { result, connections } = await runWatched({
			items: [{ gtin: '09506000134352', serials: ['D1', 'AB 12'] }],
		});

		expect(connections).toBe(0);
		expect(result.error?.message).toMatch(
			/^Item 0: Serials Field "serials" has an invalid serial "AB 12" \(serial 2\)/,
		);
		expect(result.error?.description).toContain('Nothing was sent to Movilitas.');
	});
});
