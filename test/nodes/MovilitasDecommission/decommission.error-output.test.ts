import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

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

// Error items, in input order: what each is about, and the status its error starts with.
const EXPECTED_ERRORS = [
	{ item: 1, about: 'Item 1: Product Code', status: 'Item 1' },
	{ item: 2, about: 'O3', status: 'Failed' },
	{ item: 3, about: 'O4', status: 'Not confirmed' },
	{ item: 4, about: 'O5', status: 'Unknown' },
];

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
		expect(pairing(errors)).toEqual(EXPECTED_ERRORS.map(({ item }) => ({ item })));
		expect(errors.map((item) => String(item.json.error).split(':')[0])).toEqual(
			EXPECTED_ERRORS.map(({ status }) => status),
		);
		expect(String(errors[1].json.error)).toContain('ProductError');
		expect(String(errors[3].json.error)).toContain('HTTP 502');
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
		expect(errors.map((item) => String(item.json.error).split(':')[0])).toEqual([
			'Not sent',
			'Not sent',
			'Item 1',
			'Not sent',
			'Not sent',
			'Not sent',
		]);
	});

	// n8n-core (1.122 to 2.40) replaces the json of every output item that carries `error` with
	// { error: error.message } after routing it: whatever else the node put in json is gone.
	it('every error output item names its serial, so a user can tell which serial of an item needs attention', async () => {
		partialFailure();

		const result = await runScenario(WORKFLOW);

		const errors = result.output(NODE, 1);
		expect(errors).toHaveLength(EXPECTED_ERRORS.length);
		errors.forEach((item, index) => {
			expect(JSON.stringify(item.json)).toContain(EXPECTED_ERRORS[index].about);
		});
	});
});
