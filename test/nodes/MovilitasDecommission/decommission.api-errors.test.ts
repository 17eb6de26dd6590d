import nock from 'nock';

import {
	authReplies,
	DECOMMISSION_PATH,
	PRODUCTION,
	RESEND_ADVICE,
	runScenario,
	setupNock,
} from './scenario';

setupNock();

describe('documented API errors', () => {
	it.each([
		[
			'ProductError',
			404,
			'Movilitas ProductError (product 09506000134352): the product does not exist',
			'Register the product code in Movilitas',
		],
		[
			'ValidationError',
			400,
			'Movilitas ValidationError: the request data was not accepted',
			'Check the product code, reason, market and serials',
		],
	])(
		'%s becomes a NodeApiError naming the type, with the vendor resolution',
		async (type, status, message, resolution) => {
			authReplies(PRODUCTION, ['jwt-1']);
			nock(PRODUCTION)
				.post(DECOMMISSION_PATH)
				.reply(status, { success: false, error: type, message: `${type} happened` });

			const result = await runScenario('decommission.api-errors.workflow.json');

			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(`${message} (HTTP ${status})`);
			expect(result.error?.description).toContain(resolution);
			expect(result.error?.description).toContain(`The API said: "${type} happened"`);
			expect(result.error?.description).toContain(
				'Serials of this run: 0 confirmed, 2 failed, 0 not confirmed, 0 unknown, 0 not sent.',
			);
		},
	);

	it.each([
		['NoTokenError', 'a dynamic token needs the API key and secret'],
		['InvalidTokenError', 'refused a freshly issued token'],
	])(
		'%s, still refused after the refresh, is reported as a credential problem',
		async (type, text) => {
			authReplies(PRODUCTION, ['jwt-1', 'jwt-2']);
			nock(PRODUCTION).post(DECOMMISSION_PATH).times(2).reply(401, { success: false, error: type });

			const result = await runScenario('decommission.api-errors.workflow.json');

			expect(result.error?.name).toBe('NodeApiError');
			expect(`${result.error?.message} ${result.error?.description}`).toMatch(
				new RegExp(`${type}|${text}`),
			);
		},
	);

	it('an unknown error (HTTP 500) keeps its status and message, and its outcome is unknown (issue 6 point 5)', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.reply(500, { success: false, message: 'Database unavailable' });

		const result = await runScenario('decommission.api-errors.workflow.json');

		expect(result.error?.message).toBe('Movilitas API error (HTTP 500): Database unavailable');
		expect(result.error?.description).toContain('Movilitas may or may not have processed');
		expect(result.error?.description).toContain(
			'0 confirmed, 0 failed, 0 not confirmed, 2 unknown',
		);
		expect(result.error?.description).not.toMatch(RESEND_ADVICE);
	});
});
