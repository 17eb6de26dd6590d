import nock from 'nock';

import { authReplies, DECOMMISSION_PATH, PRODUCTION, runScenario, setupNock } from './scenario';

setupNock();

describe('a connection lost after the request was sent', () => {
	it('is never resent automatically, and the error says the outcome is unknown', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		let calls = 0;
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.on('request', () => calls++);

		const result = await runScenario('decommission.connection-lost.workflow.json');

		expect(calls).toBe(1);
		expect(result.error?.message).toBe(
			'The connection to Movilitas was lost after the request was sent',
		);
		expect(result.error?.description).toContain('Network error ECONNRESET.');
		expect(result.error?.description).toContain('Movilitas may or may not have processed');
		expect(result.error?.description).toContain(
			'Check these 2 serial(s) in Movilitas: their state is unknown or not confirmed: SV902P05IYI4ARW5WWHJ, DI8U86IYQI9KS4G87WGI.',
		);
	});

	it('reports an unreachable host as nothing sent', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.replyWithError(Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }));

		const result = await runScenario('decommission.connection-lost.workflow.json');

		expect(result.error?.message).toBe(
			'Could not reach Movilitas at https://api.movilitas.cloud: nothing was sent',
		);
		expect(result.error?.description).toContain('Network error ECONNREFUSED.');
	});

	it('reports an unreachable Authentication API as a credential problem', async () => {
		nock(PRODUCTION)
			.post('/v1/api_auth')
			.replyWithError(Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }));

		const result = await runScenario('decommission.connection-lost.workflow.json');

		expect(result.error?.message).toBe(
			'Could not reach the Movilitas Authentication API at https://api.movilitas.cloud',
		);
		expect(result.error?.description).toContain('Network error ECONNREFUSED.');
		expect(result.error?.description).toContain(
			'Serials of this run: 0 confirmed, 0 failed, 0 not confirmed, 0 unknown, 2 not sent.',
		);
	});
});
