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

describe('Continue On Fail', () => {
	it('reports a failed request and an invalid item as items, and still sends the other requests', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		const sent: Array<[string, string[]]> = [];
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.times(3)
			.reply((uri, body) => {
				const { product_code, serials } = body as { product_code: string; serials: string[] };
				sent.push([product_code, serials]);
				if (product_code === '05012345678900') {
					return [404, { success: false, error: 'ProductError', message: 'Product not found' }];
				}
				return [200, decommissioned(uri, body)];
			});

		const result = await runScenario('decommission.continue-on-fail.workflow.json');

		expect(result.error).toBeUndefined();
		expect(sent).toEqual([
			['09506000134352', ['C1', 'C2']],
			['09506000134352', ['C4', 'C5']],
			['05012345678900', ['C3']],
		]);
		const output = result.output(NODE);
		expect(
			output.map((item) => [
				item.json.serial_number,
				item.json.success,
				item.json.status,
				item.pairedItem,
			]),
		).toEqual([
			['C1', true, 'Decommissioned', { item: 0 }],
			['C2', true, 'Decommissioned', { item: 0 }],
			['C3', false, 'Failed', 1],
			['C4', true, 'Decommissioned', 2],
			['C5', true, 'Decommissioned', 2],
			[undefined, false, undefined, { item: 3 }],
		]);
		expect(output[2].json).toMatchObject({
			product_code: '05012345678900',
			error:
				'Movilitas ProductError (product 05012345678900): the product does not exist (HTTP 404)',
			error_type: 'ProductError',
		});
		expect(output[2].json.message).toContain('Register the product code');
		expect(output[5].json).toEqual({
			success: false,
			field: 'Product Code',
			error:
				'Item 3: Product Code "123" is not a GTIN: it has 3 digits, a GTIN has 8, 12, 13 or 14',
		});
	});

	it('stops sending after a credential failure and reports the rest as not sent', async () => {
		nock(PRODUCTION)
			.post('/v1/api_auth')
			.reply(401, { success: false, message: 'Invalid API key or secret' });

		const result = await runScenario('decommission.continue-on-fail.workflow.json');

		expect(result.error).toBeUndefined();
		const statuses = result.output(NODE).map((item) => item.json.status);
		expect(statuses).toEqual([
			'Not sent',
			'Not sent',
			'Not sent',
			'Not sent',
			'Not sent',
			undefined,
		]);
		expect(String(result.output(NODE)[0].json.error)).toContain('Invalid API key or secret');
		// The decommission requests never went out: the token call failed first.
		expect(result.output(NODE).map((item) => item.json.attempts)).toEqual([
			0,
			0,
			0,
			0,
			0,
			undefined,
		]);
	});
});
