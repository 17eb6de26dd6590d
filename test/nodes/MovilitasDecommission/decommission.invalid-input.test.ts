import nock from 'nock';

import { NODE, PRODUCTION, runScenario, setupNock } from './scenario';

setupNock();

describe('invalid input', () => {
	it('fails before any request, naming the item, the field and the problem', async () => {
		const anyRequest = nock(PRODUCTION).post(/.*/).reply(200, {});

		const result = await runScenario('decommission.invalid-input.workflow.json');

		expect(anyRequest.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Item 1: Product Code "01234567891234" has a wrong GS1 check digit: expected 1, got 4 (the sample GTIN of the vendor documentation fails this check)',
		);
		expect(result.error?.description).toContain('Skip Check Digit Validation');
		expect(result.error?.description).toContain('1 other item(s) are invalid too.');
		expect(result.error?.description).toContain('Nothing was sent to Movilitas.');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.output(NODE)).toEqual([]);
	});
});
