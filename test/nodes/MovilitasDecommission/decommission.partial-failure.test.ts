import nock from 'nock';

import {
	authReplies,
	decommissioned,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
} from './scenario';

setupNock();

describe('a request failing after earlier requests of the run succeeded', () => {
	it('stops, and the error counts the serials earlier requests already decommissioned (issue 6 point 8)', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		let calls = 0;
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.times(2)
			.reply((uri, body) => {
				calls++;
				if (calls === 2)
					return [400, { success: false, error: 'ValidationError', message: 'serials: too many' }];
				return [200, decommissioned(uri, body)];
			});

		const result = await runScenario('decommission.partial-failure.workflow.json');

		expect(calls).toBe(2);
		expect(result.error?.message).toBe(
			'Movilitas ValidationError: the request data was not accepted (HTTP 400)',
		);
		expect(result.error?.description).toContain(
			'Serials of this run: 2 confirmed, 2 failed, 0 not confirmed, 0 unknown, 1 not sent.',
		);
		expect(result.output(NODE)).toEqual([]);
	});
});
