import { acceptDecommissions, NODE, runScenario, setupNock } from './scenario';

setupNock();

describe('settings given by expressions', () => {
	it('are evaluated per item: each item its own reason, market and serial array', async () => {
		const bodies = acceptDecommissions(2);

		const result = await runScenario('decommission.expressions.workflow.json');

		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				product_code: '09506000134352',
				product_code_schema: 'GTIN',
				reason: 'export',
				send_to_market: true,
				market_id: 'EU',
				serials: ['E1', 'E2'],
			},
			{
				product_code: '09506000134352',
				product_code_schema: 'GTIN',
				reason: 'sample',
				send_to_market: false,
				serials: ['E3'],
			},
		]);
		expect(
			result
				.output(NODE)
				.map((item) => [item.json.serial_number, item.json.reason, item.pairedItem]),
		).toEqual([
			['E1', 'export', { item: 0 }],
			['E2', 'export', { item: 0 }],
			['E3', 'sample', 1],
		]);
	});
});
