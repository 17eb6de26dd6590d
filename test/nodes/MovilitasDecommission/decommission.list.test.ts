import nock from 'nock';

import {
	authReplies,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
} from './scenario';
import seedAnswer from '../../fixtures/seed-success-response.json';

setupNock();

describe('decommission a typed list of serials', () => {
	it('sends the documented request with the token and channel key, and emits one item per serial', async () => {
		authReplies(PRODUCTION, ['jwt-token-1']);
		const api = nock(PRODUCTION, {
			reqheaders: {
				'x-access-token': 'jwt-token-1',
				'x-channel-key': 'channel-Ky1SpfEX9q',
				'content-type': /application\/json/,
			},
		})
			.post(DECOMMISSION_PATH, {
				product_code: '09506000134352',
				product_code_schema: 'GTIN',
				reason: 'destroy',
				send_to_market: false,
				market_id: 'EU',
				serials: ['SV902P05IYI4ARW5WWHJ', 'DI8U86IYQI9KS4G87WGI'],
			})
			.reply(200, seedAnswer);

		const result = await runScenario('decommission.list.workflow.json');

		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.output(NODE)).toEqual([
			{
				json: {
					serial_number: 'SV902P05IYI4ARW5WWHJ',
					status: 'Decommissioned',
					success: true,
					product_code: '09506000134352',
					attempts: 1,
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					serial_number: 'DI8U86IYQI9KS4G87WGI',
					status: 'Decommissioned',
					success: true,
					product_code: '09506000134352',
					attempts: 1,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('stores the fetched token in the credential, as n8n does for every worker', async () => {
		authReplies(PRODUCTION, ['jwt-token-2']);
		nock(PRODUCTION).post(DECOMMISSION_PATH).reply(200, seedAnswer);

		const result = await runScenario('decommission.list.workflow.json');

		expect(result.credentialsHelper.updates.map((u) => u.data.accessToken)).toEqual([
			'jwt-token-2',
		]);
		expect(result.credentialsHelper.store.get('movilitas-credential-1')?.data.accessToken).toBe(
			'jwt-token-2',
		);
	});
});
