import nock from 'nock';

import {
	authReplies,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	RESEND_ADVICE,
	runScenario,
	setupNock,
	visibleText,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.resent-after-503.workflow.json';

describe('issue 6 point 6: a 503 is resent, and every output item says how often', () => {
	it('a 503 then "Already decommissioned" counts as done, with attempts 2', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		const bodies: unknown[] = [];
		const api = nock(PRODUCTION)
			.post(DECOMMISSION_PATH, (body) => bodies.push(body) > 0)
			.reply(503, 'Service Unavailable', { 'Retry-After': '0' })
			.post(DECOMMISSION_PATH, (body) => bodies.push(body) > 0)
			.reply(200, {
				success: true,
				message: 'Serials decommissioned',
				data: [
					// The first attempt was processed after all: a gateway answered 503 anyway.
					{ serial_number: 'R1', status: 'Already decommissioned' },
					{ serial_number: 'R2', status: 'Decommissioned' },
				],
			});

		const result = await runScenario(WORKFLOW);

		expect(api.isDone()).toBe(true);
		expect(bodies).toHaveLength(2);
		expect(bodies[1]).toEqual(bodies[0]);
		expect(result.error).toBeUndefined();
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			expect.objectContaining({
				serial_number: 'R1',
				status: 'Already decommissioned',
				success: true,
				attempts: 2,
			}),
			expect.objectContaining({
				serial_number: 'R2',
				status: 'Decommissioned',
				success: true,
				attempts: 2,
			}),
		]);
	});

	it('503 on every attempt: given up after three resends, Unknown, with attempts 4', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		let calls = 0;
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.times(4)
			.reply(() => {
				calls++;
				return [503, 'Service Unavailable', { 'Retry-After': '0' }];
			});

		const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
			node: { onError: 'continueRegularOutput' },
		});

		expect(calls).toBe(4);
		expect(result.output(NODE).map((item) => [item.json.status, item.json.attempts])).toEqual([
			['Unknown', 4],
			['Unknown', 4],
		]);
		expect(visibleText(result)).not.toMatch(RESEND_ADVICE);
	});
});
