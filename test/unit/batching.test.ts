import { planBatches, requestBody } from '../../nodes/MovilitasDecommission/batching';
import { Outcomes } from '../../nodes/MovilitasDecommission/outcomes';
import { item } from './factories';

describe('planBatches', () => {
	it('makes one request of 1,000 items of one serial each with the same settings', () => {
		const items = Array.from({ length: 1000 }, (_, i) => item(i, [`S${i}`]));
		const { batches } = planBatches(items);
		expect(batches).toHaveLength(1);
		expect(batches[0].serials).toHaveLength(1000);
	});

	it('cuts a group into batches of the batch size, in order', () => {
		const { batches } = planBatches([item(0, ['A', 'B', 'C', 'D', 'E'], { batchSize: 2 })]);
		expect(batches.map((b) => b.serials)).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
		expect(batches.map((b) => b.index)).toEqual([0, 1, 2]);
	});

	it('uses the smallest batch size asked for by the items of a group', () => {
		const { batches } = planBatches([item(0, ['A', 'B', 'C']), item(1, ['D'], { batchSize: 2 })]);
		expect(batches.map((b) => b.serials)).toEqual([
			['A', 'B'],
			['C', 'D'],
		]);
	});

	it('separates groups by product, reason, send to market and market', () => {
		const { batches } = planBatches([
			item(0, ['A']),
			item(1, ['B'], { reason: 'sample' }),
			item(2, ['C'], { sendToMarket: true }),
			item(3, ['D'], { marketId: 'EU' }),
			item(4, ['E'], { productCode: '00000096385074' }),
			item(5, ['F']),
		]);
		expect(batches.map((b) => b.serials)).toEqual([['A', 'F'], ['B'], ['C'], ['D'], ['E']]);
	});

	it('sends a serial asked for by several items of a group once', () => {
		const { batches } = planBatches([item(0, ['A', 'B']), item(1, ['B', 'C']), item(2, ['B'])]);
		expect(batches).toHaveLength(1);
		expect(batches[0].serials).toEqual(['A', 'B', 'C']);
	});

	it('sends the same serial again under other settings (another request is another act)', () => {
		const { batches } = planBatches([item(0, ['A']), item(1, ['A'], { reason: 'lock' })]);
		expect(batches).toHaveLength(2);
	});

	it('numbers every pack with its group and position, repeats and all, across batches', () => {
		const requests = [
			item(0, ['A', 'B'], { batchSize: 2 }),
			item(1, ['B', 'C']),
			item(2, ['Z'], { reason: 'lock' }),
			item(3, ['D', 'A', 'E']),
		];
		const plan = planBatches(requests);
		const outcomes = new Outcomes(plan);
		for (const batch of plan.batches) {
			batch.serials.forEach((serial, position) =>
				outcomes.set(batch, position, {
					status: `${serial} ${batch.reason}`,
					success: true,
					attempts: 1,
				}),
			);
		}
		const slots = requests.flatMap((request) => request.packs);
		expect(slots.map((pack, slot) => outcomes.at(slot)?.status)).toEqual(
			slots.map((pack, slot) => `${pack.serial} ${slot === 4 ? 'lock' : 'destroy'}`),
		);
		expect(plan.batches.map((b) => b.serials)).toEqual([['A', 'B'], ['C', 'D'], ['E'], ['Z']]);
	});

	it('plans nothing for no items', () => {
		expect(planBatches([]).batches).toEqual([]);
	});
});

describe('requestBody', () => {
	it('follows the documented body and leaves market_id out when no market is set', () => {
		const [batch] = planBatches([item(0, ['A1', 'B2'])]).batches;
		expect(requestBody(batch)).toEqual({
			product_code: '09506000134352',
			product_code_schema: 'GTIN',
			reason: 'destroy',
			send_to_market: false,
			serials: ['A1', 'B2'],
		});
	});

	it('carries the market and send to market', () => {
		const [batch] = planBatches([item(0, ['A1'], { marketId: 'US', sendToMarket: true })]).batches;
		expect(requestBody(batch)).toMatchObject({ market_id: 'US', send_to_market: true });
	});
});
