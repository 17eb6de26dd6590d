import { planBatches } from '../../nodes/MovilitasDecommission/batching';
import {
	buildOutput,
	isConfirmedStatus,
	NOT_CONFIRMED,
	outcomeKey,
	outcomesFromAnswer,
} from '../../nodes/MovilitasDecommission/mapping';
import type { SerialOutcome } from '../../nodes/MovilitasDecommission/mapping';
import type { ItemRequest } from '../../nodes/MovilitasDecommission/validation';
import seedAnswer from '../fixtures/seed-success-response.json';

function item(itemIndex: number, serials: string[]): ItemRequest {
	return {
		itemIndex,
		productCode: '09506000134352',
		reason: 'destroy',
		sendToMarket: false,
		marketId: '',
		batchSize: 1000,
		serials,
	};
}

describe('outcomesFromAnswer', () => {
	it('matches the seed sample answer, listed in another order than the request', () => {
		const [batch] = planBatches([item(0, ['SV902P05IYI4ARW5WWHJ', 'DI8U86IYQI9KS4G87WGI'])]);
		const outcomes = outcomesFromAnswer(batch, seedAnswer);
		expect([...outcomes.entries()]).toEqual([
			['SV902P05IYI4ARW5WWHJ', { status: 'Decommissioned', success: true }],
			['DI8U86IYQI9KS4G87WGI', { status: 'Decommissioned', success: true }],
		]);
	});

	it('reports a serial the answer does not mention as not confirmed, never drops it', () => {
		const [batch] = planBatches([item(0, ['SV902P05IYI4ARW5WWHJ', 'MISSING1'])]);
		const outcomes = outcomesFromAnswer(batch, seedAnswer);
		expect(outcomes.get('MISSING1')).toEqual({
			status: 'Not confirmed',
			success: false,
			message: NOT_CONFIRMED,
		});
	});

	it('keeps a per-serial status other than Decommissioned as reported, unsuccessful', () => {
		const [batch] = planBatches([item(0, ['A1'])]);
		const outcomes = outcomesFromAnswer(batch, {
			success: true,
			data: [{ serial_number: 'A1', status: 'Not found' }],
		});
		expect(outcomes.get('A1')).toEqual({ status: 'Not found', success: false });
	});

	it('treats an answer without data as confirming nothing', () => {
		const [batch] = planBatches([item(0, ['A1'])]);
		expect(outcomesFromAnswer(batch, { success: true }).get('A1')?.success).toBe(false);
	});
});

describe('isConfirmedStatus', () => {
	it.each([
		['Decommissioned', true],
		['decommissioned', true],
		['Already decommissioned', true],
		['Not decommissioned', false],
		['Commissioned', false],
		['', false],
	])('%j → %s', (status, expected) => expect(isConfirmedStatus(status)).toBe(expected));
});

describe('buildOutput', () => {
	it('gives one item per (input item, serial) in input order, paired to its own item', () => {
		const requests = new Map([
			[0, item(0, ['B', 'A'])],
			[2, item(2, ['A'])],
		]);
		const problems = new Map([[1, { itemIndex: 1, field: 'Serials', message: 'Item 1: bad' }]]);
		const outcomes = new Map<string, SerialOutcome>([
			[outcomeKey(item(0, []), 'A'), { status: 'Decommissioned', success: true }],
			[outcomeKey(item(0, []), 'B'), { status: 'Failed', success: false, error: 'x' }],
		]);
		const output = buildOutput(3, requests, problems, outcomes);
		expect(output.map((o) => [o.json.serial_number, o.pairedItem])).toEqual([
			['B', { item: 0 }],
			['A', { item: 0 }],
			[undefined, { item: 1 }],
			['A', { item: 2 }],
		]);
		expect(output[0].json).toEqual({
			serial_number: 'B',
			status: 'Failed',
			success: false,
			product_code: '09506000134352',
			reason: 'destroy',
			market_id: null,
			send_to_market: false,
			error: 'x',
		});
		expect(output[2].json).toEqual({ success: false, error: 'Item 1: bad', field: 'Serials' });
	});
});
