import nock from 'nock';

import {
	acceptDecommissions,
	credential,
	credentialsHelper,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.conflicting-settings.workflow.json';
const CONFLICT =
	'serial "K2" of product 09506000134352 is asked for with different settings by items 0 (reason destroy, no market, send to market false), 2 (reason export, no market, send to market false)';

describe('issue 6 point 4: the same product and serial with different settings', () => {
	it('without Continue On Fail is an error naming both items, and nothing is sent', async () => {
		const any = nock(PRODUCTION).post(/.*/).reply(500, {});

		const result = await runScenario(WORKFLOW);

		expect(any.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Item 0: ${CONFLICT}`);
		expect(result.error?.description).toContain('1 other item(s) are invalid too.');
		expect(result.error?.description).toContain('Nothing was sent to Movilitas.');
		expect(result.output(NODE)).toEqual([]);
	});

	it('with Continue On Fail makes both items error items and sends the rest', async () => {
		const bodies = acceptDecommissions(1);

		const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
			node: { onError: 'continueRegularOutput' },
		});

		expect(result.error).toBeUndefined();
		// K1 of item 0 is not sent either: the item as a whole is in doubt.
		expect(bodies.map((body) => [body.reason, body.serials])).toEqual([['destroy', ['K3', 'K5']]]);
		expect(result.output(NODE)).toEqual([
			{
				json: { success: false, field: 'Serials', error: `Item 0: ${CONFLICT}` },
				pairedItem: { item: 0 },
			},
			expect.objectContaining({
				json: expect.objectContaining({ serial_number: 'K3', status: 'Decommissioned' }),
				pairedItem: 1,
			}),
			{
				json: { success: false, field: 'Serials', error: `Item 2: ${CONFLICT}` },
				pairedItem: { item: 2 },
			},
			expect.objectContaining({
				json: expect.objectContaining({ serial_number: 'K5', status: 'Decommissioned' }),
				pairedItem: 3,
			}),
		]);
	});

	it('the same serial with the same settings in two items is sent once and reported for both', async () => {
		const bodies = acceptDecommissions(1);

		const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
			items: [
				{ reason: 'destroy', serials: ['K1', 'K2'] },
				{ reason: 'destroy', serials: ['K2'] },
			],
		});

		expect(result.error).toBeUndefined();
		expect(bodies.map((body) => body.serials)).toEqual([['K1', 'K2']]);
		expect(result.output(NODE).map((item) => [item.json.serial_number, item.pairedItem])).toEqual([
			['K1', { item: 0 }],
			['K2', { item: 0 }],
			['K2', 1],
		]);
	});
});
