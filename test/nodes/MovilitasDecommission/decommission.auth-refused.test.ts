import nock from 'nock';

import {
	AUTH_PATH,
	credential,
	credentialsHelper,
	NODE,
	PRODUCTION,
	runScenario,
	secretsOf,
	setupNock,
	visibleText,
} from './scenario';

setupNock();

describe('the Authentication API refusing the key or secret', () => {
	it.each([
		[401, { success: false, message: 'Invalid API key or secret' }],
		[403, { success: false, message: 'Forbidden' }],
		[200, { success: false, message: 'Wrong credentials' }],
	])('(HTTP %i) fails the run saying the API key or secret was refused', async (status, body) => {
		const auth = nock(PRODUCTION).post(AUTH_PATH).reply(status, body);

		const result = await runScenario('decommission.auth-refused.workflow.json');

		expect(auth.isDone()).toBe(true);
		expect(result.error?.message).toContain('Invalid API key or secret');
		expect(result.error?.message).toContain(`HTTP ${status}`);
		expect(result.error?.message).toContain(body.message);
		expect(result.output(NODE)).toEqual([]);
		for (const secret of secretsOf('dynamic')) expect(visibleText(result)).not.toContain(secret);
	});

	it('says which keys came back when the answer holds no token', async () => {
		nock(PRODUCTION)
			.post(AUTH_PATH)
			.reply(200, { success: true, message: 'Authenticated', data: { jwt: 'x' } });

		const result = await runScenario('decommission.auth-refused.workflow.json');

		expect(result.error?.message).toBe(
			'The Movilitas Authentication API answered HTTP 200 without a token (it sent keys success, message, data.jwt)',
		);
	});

	it.each([
		[
			'an http URL off loopback',
			{ environment: 'custom', baseUrl: 'http://gateway.example.com' },
			'must use https',
		],
		['no API secret', { apiSecret: '' }, 'has no API key or API secret'],
	])('refuses %s before any request', async (_, data, message) => {
		const result = await runScenario(
			'decommission.auth-refused.workflow.json',
			credentialsHelper(credential('dynamic', data)),
		);
		expect(result.error?.message).toContain(message);
	});
});
