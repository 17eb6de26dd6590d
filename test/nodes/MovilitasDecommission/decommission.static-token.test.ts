import nock from 'nock';

import {
	ACCEPTANCE,
	AUTH_PATH,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	NODE,
	runScenario,
	setupNock,
} from './scenario';
import seedAnswer from '../../fixtures/seed-success-response.json';

setupNock();

describe('a static token', () => {
	it('is sent as it is, with no call to the Authentication API, and nothing is stored', async () => {
		const api = nock(ACCEPTANCE, {
			reqheaders: {
				'x-access-token': 'static-token-c0ffee99',
				'x-channel-key': 'channel-Ky1SpfEX9q',
			},
		})
			.post(DECOMMISSION_PATH)
			.reply(200, seedAnswer);
		const auth = nock(ACCEPTANCE).post(AUTH_PATH).reply(200, { token: 'never' });
		const helper = credentialsHelper(credential('static'));

		const result = await runScenario('decommission.static-token.workflow.json', helper);

		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(auth.isDone()).toBe(false);
		nock.cleanAll();
		expect(helper.updates).toEqual([]);
		expect(result.output(NODE)).toHaveLength(2);
	});

	it('refused by the API is reported as revoked, without any refresh attempt', async () => {
		const api = nock(ACCEPTANCE)
			.post(DECOMMISSION_PATH)
			.reply(403, { success: false, error: 'InvalidTokenError', message: 'Token revoked' });

		const result = await runScenario(
			'decommission.static-token.workflow.json',
			credentialsHelper(credential('static')),
		);

		expect(api.isDone()).toBe(true);
		expect(result.error?.message).toBe(
			'Movilitas refused the static token (HTTP 403, InvalidTokenError)',
		);
		expect(result.error?.description).toContain('Generate a new one on the Tenant Dashboard');
	});
});
