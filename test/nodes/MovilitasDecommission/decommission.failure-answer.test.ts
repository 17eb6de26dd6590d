import nock from 'nock';

import {
	authReplies,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.failure-answer.workflow.json';

const ANSWER = {
	success: false,
	message: 'Some serials could not be decommissioned',
	data: [
		{ serial_number: 'F1', status: 'Decommissioned' },
		{ serial_number: 'F2', status: 'Serial not found' },
		{ serial_number: 'F3', status: 'Decommissioned' },
		{ serial_number: 'F3', status: 'Locked' },
		{ serial_number: 'F4', status: 42 },
	],
};

describe('issue 6 point 7: a success: false answer with per-serial results is read serial by serial', () => {
	it.each([
		[200, 'without Continue On Fail', {}],
		[422, 'without Continue On Fail', {}],
		[200, 'with Continue On Fail', { onError: 'continueRegularOutput' as const }],
	])('HTTP %i, %s', async (status, _, node) => {
		authReplies(PRODUCTION, ['jwt-1']);
		let calls = 0;
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.reply(() => {
				calls++;
				return [status, ANSWER];
			});

		const result = await runScenario(WORKFLOW, credentialsHelper(credential()), { node });

		expect(calls).toBe(1);
		expect(result.error).toBeUndefined();
		const output = result.output(NODE).map((item) => item.json);
		expect(
			output.map((json) => [json.serial_number, json.status, json.success, json.attempts]),
		).toEqual([
			// Listed as done: done, even in an answer that says success: false.
			['F1', 'Decommissioned', true, 1],
			// Listed with its own status.
			['F2', 'Serial not found', false, 1],
			// Listed twice with different statuses: the answer contradicts itself, not done.
			['F3', 'Unknown', false, 1],
			// A status that is not text.
			['F4', 'Not confirmed', false, 1],
			// Not listed at all.
			['F5', 'Not confirmed', false, 1],
		]);
		expect(output[0].error).toBeUndefined();
		expect(output[1].error).toBe('Some serials could not be decommissioned');
		expect(output[2].message).toBe(
			'Movilitas listed this serial twice, as "Decommissioned" and "Locked": its state is unknown. Check it in Movilitas; the node never resends a request whose outcome is unknown.',
		);
		expect(output[4].message).toContain('did not list this serial');
	});
});
