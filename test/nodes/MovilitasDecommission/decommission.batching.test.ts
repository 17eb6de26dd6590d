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

describe('batching', () => {
	it('cuts five serials into requests of two, fetching the token once for all of them', async () => {
		const auth = authReplies(PRODUCTION, ['jwt-batch']);
		const sent: string[][] = [];
		nock(PRODUCTION, { reqheaders: { 'x-access-token': 'jwt-batch' } })
			.post(DECOMMISSION_PATH, (body: { serials: string[] }) => sent.push(body.serials) > 0)
			.times(3)
			.reply(200, decommissioned);

		const result = await runScenario('decommission.batching.workflow.json');

		expect(result.error).toBeUndefined();
		expect(auth.isDone()).toBe(true);
		expect(sent).toEqual([['B1', 'B2'], ['B3', 'B4'], ['B5']]);
		expect(result.output(NODE).map((item) => [item.json.serial_number, item.pairedItem])).toEqual([
			['B1', { item: 0 }],
			['B2', 1],
			['B3', 2],
			['B4', 3],
			['B5', 4],
		]);
	});
});
