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

describe('rate limits and outages (the request was not processed)', () => {
	it('waits for Retry-After on 429 and for a back-off on 503, then sends the same request again', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		const api = nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.reply(429, { success: false, message: 'Too many requests' }, { 'Retry-After': '0' })
			.post(DECOMMISSION_PATH)
			.reply(503, 'Service Unavailable')
			.post(DECOMMISSION_PATH)
			.reply(200, decommissioned);

		const result = await runScenario('decommission.retries.workflow.json');

		expect(api.isDone()).toBe(true);
		expect(result.error).toBeUndefined();
		expect(result.output(NODE).map((item) => item.json.success)).toEqual([true, true]);
	});

	it('gives up after three retries with an error that says so', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.times(4)
			.reply(429, { success: false, message: 'Too many requests' }, { 'Retry-After': '0' });

		const result = await runScenario('decommission.retries.workflow.json');

		expect(result.error?.message).toBe('Movilitas API error (HTTP 429): Too many requests');
		expect(result.error?.description).toContain('did not process the request');
	});
});
