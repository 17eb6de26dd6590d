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

describe('a token refused again right after a refresh', () => {
	it.each([
		[403, { success: false, message: 'Forbidden' }],
		[401, { success: false, error: 'InvalidTokenError' }],
		[200, { success: false, error: 'InvalidTokenError' }],
	])(
		'(HTTP %i) is a credential error after exactly one refresh, never a loop',
		async (status, body) => {
			const helper = credentialsHelper(credential('dynamic', { accessToken: 'jwt-old' }));
			const auth = authReplies(PRODUCTION, ['jwt-new']);
			const tokens: string[] = [];
			nock(PRODUCTION)
				.post(DECOMMISSION_PATH)
				.times(2)
				.reply(function () {
					tokens.push(String(this.req.headers['x-access-token']));
					return [status, body];
				});

			const result = await runScenario('decommission.token-refused.workflow.json', helper);

			expect(auth.isDone()).toBe(true);
			expect(tokens).toEqual(['jwt-old', 'jwt-new']);
			expect(result.error?.message).toContain('Movilitas refused a freshly issued token');
			expect(result.error?.description).toContain('refreshed once and refused again');
			expect(result.error?.description).toContain(
				'Serials of this run: 0 confirmed, 2 failed, 0 not confirmed, 0 unknown, 0 not sent.',
			);
			expect(result.output(NODE)).toEqual([]);
		},
	);
});
