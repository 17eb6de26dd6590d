import { acceptDecommissions, NODE, runScenario, setupNock } from './scenario';

setupNock();

describe('serials from a field of each input item (ERP payload)', () => {
	it('sends one request for all items, each serial once, and pairs results to their items', async () => {
		const bodies = acceptDecommissions(1);

		const result = await runScenario('decommission.from-items.workflow.json');

		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				product_code: '09506000134352',
				product_code_schema: 'GTIN',
				reason: 'destroy',
				send_to_market: false,
				serials: ['S1', 'S2', 'S3', 'S4'],
			},
		]);
		expect(
			result
				.output(NODE)
				.map((item) => [item.json.serial_number, item.json.success, item.pairedItem]),
		).toEqual([
			['S1', true, { item: 0 }],
			['S2', true, { item: 0 }],
			['S3', true, 1],
			['S2', true, 2],
			['S4', true, 2],
		]);
		// The GTIN-13 of the second order was sent and reported as its GTIN-14.
		expect(result.output(NODE)[2].json.product_code).toBe('09506000134352');
		expect(result.output(NODE)[0].json.market_id).toBeNull();
	});
});
