import nock from 'nock';

import { NODE, PRODUCTION, runScenario, setupNock } from './scenario';

setupNock();

describe("n8n's Retry On Fail", () => {
	it('is refused before anything is sent, since a retry could decommission serials twice', async () => {
		const anyRequest = nock(PRODUCTION).post(/.*/).reply(200, {});

		const result = await runScenario('decommission.retry-on-fail.workflow.json');

		expect(anyRequest.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			'Retry On Fail is turned on for this node: a retry could decommission serials twice',
		);
		expect(result.error?.description).toContain('Turn Retry On Fail off in the node settings');
		expect(result.output(NODE)).toEqual([]);
	});
});
