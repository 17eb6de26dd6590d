import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	AUTH_PATH,
	authReplies,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.error-output.workflow.json';

/** Movilitas: O1 and O2 done, O4 left out of the answer, product B unknown, product C a 502. */
function partialFailure(): string[][] {
	authReplies(PRODUCTION, ['jwt-1']);
	const sent: string[][] = [];
	nock(PRODUCTION)
		.post(DECOMMISSION_PATH)
		.times(3)
		.reply((_uri, body) => {
			const { product_code, serials } = body as { product_code: string; serials: string[] };
			sent.push(serials);
			if (product_code === '05012345678900') {
				return [404, { success: false, error: 'ProductError', message: 'Product not found' }];
			}
			if (product_code === '04006381333931') return [502, 'Bad Gateway'];
			return [
				200,
				{
					success: true,
					data: [
						{ serial_number: 'O1', status: 'Decommissioned' },
						{ serial_number: 'O2', status: 'Already decommissioned' },
					],
				},
			];
		});
	return sent;
}

const pairing = (items: INodeExecutionData[]) => items.map((item) => item.pairedItem);

/** An error output item: n8n keeps only `error` and `message` and adds the input item's fields. */
const errorRecord = (item: INodeExecutionData) => item.json.error as IDataObject;
const summaries = (items: INodeExecutionData[]) =>
	items.map((item) => String(item.json.message).split(':').slice(0, 2).join(':'));

// What each error item, in input order, is about.
const EXPECTED_ERRORS = ['Item 1: Product Code', 'Serial O3', 'Serial O4', 'Serial O5'];

describe('issue 9: n8n error output (On Error: Continue (using error output))', () => {
	it('decommissioned serials go to the first output, every other serial and invalid item to the error output, each paired to its input item', async () => {
		const sent = partialFailure();

		const result = await runScenario(WORKFLOW);

		expect(result.error).toBeUndefined();
		expect(sent).toEqual([['O1', 'O2', 'O4'], ['O3'], ['O5']]);
		expect(
			result
				.output(NODE, 0)
				.map((item) => [item.json.serial_number, item.json.status, item.pairedItem]),
		).toEqual([
			['O1', 'Decommissioned', { item: 0 }],
			['O2', 'Already decommissioned', { item: 0 }],
		]);
		const errors = result.output(NODE, 1);
		expect(pairing(errors)).toEqual([1, 2, 3, 4].map((item) => ({ item })));
		expect(summaries(errors)).toEqual([
			'Item 1: Product Code "123" is not a GTIN',
			'Serial O3: Failed',
			'Serial O4: Not confirmed',
			'Serial O5: Unknown',
		]);
		// The whole record of each serial travels in `error`; n8n adds the input item's fields.
		expect(
			errors.map((item) => [errorRecord(item).serial_number, errorRecord(item).status]),
		).toEqual([
			[undefined, undefined],
			['O3', 'Failed'],
			['O4', 'Not confirmed'],
			['O5', 'Unknown'],
		]);
		expect(errors.map((item) => item.json.order)).toEqual(['PO-2', 'PO-3', 'PO-4', 'PO-5']);
		expect(errorRecord(errors[0])).toEqual({
			success: false,
			field: 'Product Code',
			error:
				'Item 1: Product Code "123" is not a GTIN: it has 3 digits, a GTIN has 8, 12, 13 or 14',
		});
		expect(errorRecord(errors[1])).toMatchObject({
			product_code: '05012345678900',
			success: false,
			attempts: 1,
			error_type: 'ProductError',
		});
		expect(String(errors[3].json.message)).toContain('HTTP 502');
		// The branches after the node get exactly those items.
		const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
		expect(json(result.output('Decommissioned'))).toEqual(json(result.output(NODE, 0)));
		expect(json(result.output('Needs checking'))).toEqual(json(errors));
	});

	it('serials never sent (the token call was refused) all go to the error output', async () => {
		nock(PRODUCTION).post(AUTH_PATH).reply(401, { success: false, message: 'Invalid API key' });

		const result = await runScenario(WORKFLOW);

		expect(result.error).toBeUndefined();
		expect(result.output(NODE, 0)).toEqual([]);
		expect(result.output('Decommissioned')).toEqual([]);
		const errors = result.output(NODE, 1);
		expect(pairing(errors)).toEqual([0, 0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(summaries(errors)).toEqual([
			'Serial O1: Not sent',
			'Serial O2: Not sent',
			'Item 1: Product Code "123" is not a GTIN',
			'Serial O3: Not sent',
			'Serial O4: Not sent',
			'Serial O5: Not sent',
		]);
		expect(errors.map((item) => errorRecord(item).attempts)).toEqual([0, 0, undefined, 0, 0, 0]);
	});

	// n8n-core (1.122 to 2.40) replaces the json of every output item that carries `error` with
	// { error: error.message } after routing it, so the serial must be in what survives.
	it('every error output item names its serial, so a user can tell which serial of an item needs attention', async () => {
		partialFailure();

		const result = await runScenario(WORKFLOW);

		const errors = result.output(NODE, 1);
		expect(errors).toHaveLength(EXPECTED_ERRORS.length);
		errors.forEach((item, index) => {
			expect(item.error).toBeUndefined();
			expect(String(item.json.message)).toContain(EXPECTED_ERRORS[index]);
		});
	});
});
