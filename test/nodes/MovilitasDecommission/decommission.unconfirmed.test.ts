import nock from 'nock';

import {
	authReplies,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
} from './scenario';

setupNock();

describe('an answer that does not list every serial', () => {
	it('outputs the missing serial as not confirmed instead of dropping it', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.reply(200, {
				success: true,
				message: 'Serials decommissioned',
				data: [{ serial_number: 'DI8U86IYQI9KS4G87WGI', status: 'Already decommissioned' }],
			});

		const result = await runScenario('decommission.unconfirmed.workflow.json');

		expect(result.error).toBeUndefined();
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			expect.objectContaining({
				serial_number: 'SV902P05IYI4ARW5WWHJ',
				status: 'Not confirmed',
				success: false,
				message: expect.stringContaining('did not list this serial'),
			}),
			expect.objectContaining({
				serial_number: 'DI8U86IYQI9KS4G87WGI',
				status: 'Already decommissioned',
				success: true,
			}),
		]);
	});
});
