import nock from 'nock';

import {
	authReplies,
	credential,
	credentialsHelper,
	decommissioned,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
} from './scenario';

setupNock();

const refusals = {
	'HTTP 401': [
		401,
		{ success: false, error: 'InvalidTokenError', message: 'Failed to authenticate token.' },
	],
	'HTTP 403 without a type': [403, { success: false, message: 'Forbidden' }],
	'InvalidTokenError in a 400 body': [
		400,
		{ success: false, type: 'InvalidTokenError', message: 'jwt expired' },
	],
	'InvalidTokenError in a 200 body': [
		200,
		{ success: false, name: 'InvalidTokenError', message: 'jwt expired' },
	],
	'NoTokenError in a 401 body': [
		401,
		{ success: false, error: { name: 'NoTokenError', message: 'No token' } },
	],
} as const;

describe.each(Object.entries(refusals))('a token refused with %s', (_, [status, body]) => {
	it('is refreshed once through preAuthentication, stored, and the request sent once more', async () => {
		// The stored token has expired: the second request of the run is refused for it.
		const helper = credentialsHelper(credential('dynamic', { accessToken: 'jwt-stale' }));
		const auth = authReplies(PRODUCTION, ['jwt-fresh']);
		const seen: Array<[string, string[]]> = [];
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.times(4)
			.reply(function (_uri, requestBody) {
				const token = String(this.req.headers['x-access-token']);
				const { serials } = requestBody as { serials: string[] };
				seen.push([token, serials]);
				if (token === 'jwt-stale' && serials[0] !== 'T1') return [status, body];
				return [200, decommissioned(_uri, requestBody)];
			});

		const result = await runScenario('decommission.token-expired.workflow.json', helper);

		expect(result.error).toBeUndefined();
		expect(auth.isDone()).toBe(true);
		expect(seen).toEqual([
			['jwt-stale', ['T1']],
			['jwt-stale', ['T2']],
			['jwt-fresh', ['T2']],
			['jwt-fresh', ['T3']],
		]);
		expect(helper.updates.map((u) => u.data.accessToken)).toEqual(['jwt-fresh']);
		expect(helper.store.get('movilitas-credential-1')?.data.accessToken).toBe('jwt-fresh');
		expect(result.output(NODE).map((item) => item.json.success)).toEqual([true, true, true]);
	});
});
