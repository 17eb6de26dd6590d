import { setTimeout as sleep } from 'node:timers/promises';

import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import {
	authReplies,
	credential,
	credentialsHelper,
	NODE,
	PRODUCTION,
	recordingMovilitas as movilitas,
	runScenario,
	setupNock,
	type ScenarioChanges,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.in-flight.workflow.json';
/** Timers may fire a millisecond or two apart from Date.now(): the slack of time comparisons. */
const SLACK_MS = 15;

const withToken = (token: string, changes: ScenarioChanges = {}) =>
	runScenario(WORKFLOW, credentialsHelper(credential('dynamic', { accessToken: token })), changes);

const ONE_SERIAL_EACH: ScenarioChanges = {
	parameters: { options: { batchSize: 1 } },
	items: Array.from({ length: 8 }, (_, index) => ({
		gtin: '09506000134352',
		reason: 'destroy',
		serials: [`S${index + 1}`],
	})),
};

const view = (items: INodeExecutionData[]) =>
	items.map((item) => ({ json: item.json, pairedItem: item.pairedItem }));

describe('issue 10: Requests in Flight', () => {
	it('4 in flight give exactly the output, order and pairing of 1, answered in any order', async () => {
		const outputs = [];
		for (const requestsInFlight of [1, 4]) {
			authReplies(PRODUCTION, ['jwt-1']);
			// Later requests answer sooner, so with 4 in flight answers come back out of order.
			const server = movilitas(async ({ n }) => {
				await sleep(Math.max(0, 12 - n) * 15);
				return undefined;
			});

			const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
				parameters: { options: { requestsInFlight } },
			});

			expect(result.error).toBeUndefined();
			expect(server.arrivals).toHaveLength(9);
			expect(server.maxInFlight()).toBe(requestsInFlight);
			server.done();
			outputs.push(view(result.output(NODE)));
		}
		expect(outputs[1]).toEqual(outputs[0]);
		expect(outputs[0].map(({ json, pairedItem }) => [json.serial_number, pairedItem])).toEqual([
			['F00a', { item: 0 }],
			['F01a', 1],
			['F01b', 1],
			['F02a', 2],
			['F03a', 3],
			['F03b', 3],
			['F04a', 4],
			['F05a', 5],
			['F05b', 5],
			['F06a', 6],
			['F00a', 6],
			['F07a', 7],
			['F07b', 7],
			['F08a', 8],
			['F09a', 9],
			['F09b', 9],
			['F10a', 10],
			['F11a', 11],
			['F11b', 11],
		]);
		expect(outputs[0].every(({ json }) => json.status === 'Decommissioned')).toBe(true);
	});

	it('a 429 with Retry-After pauses every request, not only the one that got it', async () => {
		let answered429 = 0;
		const server = movilitas(async ({ n }) => {
			if (n === 1) {
				await sleep(20);
				answered429 = Date.now();
				return [429, { success: false, message: 'Too many requests' }, { 'Retry-After': '1' }];
			}
			// The others in flight finish well within the pause, and their workers want to go on.
			if (n <= 4) await sleep(200);
			return undefined;
		});

		const result = await withToken('jwt-1', ONE_SERIAL_EACH);
		server.done();

		expect(result.error).toBeUndefined();
		expect(server.arrivals).toHaveLength(9);
		const later = server.arrivals.filter(({ at }) => at > answered429);
		expect(later.length).toBeGreaterThanOrEqual(5);
		for (const { at } of later) expect(at).toBeGreaterThanOrEqual(answered429 + 1000 - SLACK_MS);
		const retried = server.arrivals[0].serials[0];
		expect(server.arrivals.filter(({ serials }) => serials[0] === retried)).toHaveLength(2);
		expect(result.output(NODE).map((item) => [item.json.status, item.json.attempts])).toEqual(
			ONE_SERIAL_EACH.items!.map(({ serials }) => [
				'Decommissioned',
				(serials as string[])[0] === retried ? 2 : 1,
			]),
		);
	});

	it('Retry-After from several requests at once is honoured once for all, not once each', async () => {
		const answered: number[] = [];
		const server = movilitas(async ({ n }) => {
			if (n > 4) return undefined;
			await sleep(n * 50);
			answered.push(Date.now());
			return [429, { success: false, message: 'Too many requests' }, { 'Retry-After': '1' }];
		});

		const result = await withToken('jwt-1', ONE_SERIAL_EACH);
		server.done();

		expect(result.error).toBeUndefined();
		expect(answered).toHaveLength(4);
		const [first, last] = [Math.min(...answered), Math.max(...answered)];
		const resends = server.arrivals.slice(4);
		expect(resends).toHaveLength(8);
		for (const { at } of resends) {
			// One pause that ends a second after the last 429...
			expect(at).toBeGreaterThanOrEqual(last + 1000 - SLACK_MS);
			// ...not one pause after another (the fourth would start 3 s after the first).
			expect(at).toBeLessThan(first + 1900);
		}
	});

	it('a token refused by several requests at once is refreshed once, and all resend with it', async () => {
		let authCalls = 0;
		nock(PRODUCTION)
			.post('/v1/api_auth')
			.times(3)
			.reply(() => {
				authCalls++;
				return [200, { success: true, token: `jwt-new-${authCalls}` }];
			});
		const server = movilitas(async ({ token }) => {
			if (token !== 'jwt-old') return undefined;
			await sleep(100);
			return [401, { success: false, error: 'InvalidTokenError' }];
		});

		const result = await withToken('jwt-old', {
			items: [1, 2, 3, 4].map((n) => ({
				gtin: '09506000134352',
				reason: 'destroy',
				serials: [`T${n}a`, `T${n}b`],
			})),
		});
		server.done();

		expect(result.error).toBeUndefined();
		expect(authCalls).toBe(1);
		expect(server.arrivals.map(({ token }) => token)).toEqual([
			'jwt-old',
			'jwt-old',
			'jwt-old',
			'jwt-old',
			'jwt-new-1',
			'jwt-new-1',
			'jwt-new-1',
			'jwt-new-1',
		]);
		expect(
			result
				.output(NODE)
				.map((item) => [item.json.serial_number, item.json.status, item.json.attempts]),
		).toEqual(
			['T1a', 'T1b', 'T2a', 'T2b', 'T3a', 'T3b', 'T4a', 'T4b'].map((serial) => [
				serial,
				'Decommissioned',
				2,
			]),
		);
		expect(result.credentialsHelper.updates.map((update) => update.data.accessToken)).toEqual([
			'jwt-new-1',
		]);
	});

	it('without Continue On Fail the first failure stops new requests, waits for those in flight, and the error counts them all', async () => {
		const server = movilitas(async ({ serials }) => {
			if (serials[0] === 'S2') {
				await sleep(10);
				return [400, { success: false, error: 'ValidationError', message: 'bad request' }];
			}
			await sleep(300);
			if (serials[0] === 'S4') return [502, 'Bad Gateway'];
			return undefined;
		});

		const result = await withToken('jwt-1', ONE_SERIAL_EACH);
		server.done();

		expect(server.arrivals.map(({ serials }) => serials[0]).sort()).toEqual([
			'S1',
			'S2',
			'S3',
			'S4',
		]);
		expect(result.error?.message).toBe(
			'Movilitas ValidationError: the request data was not accepted (HTTP 400)',
		);
		expect(result.error?.description).toContain(
			'Serials of this run: 2 confirmed, 1 failed, 0 not confirmed, 1 unknown, 4 not sent.',
		);
		expect(result.error?.description).toContain('their state is unknown or not confirmed: S4.');
	});
});
