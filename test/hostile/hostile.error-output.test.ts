/**
 * Hostile test of the error output (node setting On Error → Continue (using error output)),
 * run in n8n-core's engine. Failed on main 4137802.
 */
import { movilitas, NODE, ok, run, setupNock, tokens, workflow } from './hostile';

setupNock();

describe('hostile: the error output keeps every serial (README, "The error output"; guarantee 9)', () => {
	it('held: each serial on the error output still says which serial it is, its status and attempts', async () => {
		tokens('jwt-1');
		movilitas((body) => (body.serials.includes('E1') ? [500, 'boom'] : ok(body)), 2);

		const result = await run(
			workflow(
				{ serialsSource: 'field', serialsField: 'serials', options: { batchSize: 2 } },
				[{ serials: ['E1', 'E2'] }, { serials: ['E3'] }],
				{ onError: 'continueErrorOutput' },
			),
		);

		expect(result.output(NODE, 0).map((item) => item.json.serial_number)).toEqual(['E3']);
		// n8n-core replaces the json of an item that carries `error` with { error: message }, so
		// the node puts each serial's record in json.error (n8n keeps `error` and `message`).
		const record = (item: { json: Record<string, unknown> }) =>
			item.json.error as Record<string, unknown>;
		expect(
			result
				.output(NODE, 1)
				.map((item) => [record(item).serial_number, record(item).status, record(item).attempts]),
		).toEqual([
			['E1', 'Unknown', 1],
			['E2', 'Unknown', 1],
		]);
	});

	it('held: an invalid item on the error output still names its field', async () => {
		const result = await run(
			workflow({ serialsSource: 'field' }, [{ serial: 'A 1' }], { onError: 'continueErrorOutput' }),
		);

		expect(result.output(NODE, 1)).toHaveLength(1);
		expect(result.output(NODE, 1)[0].json.error).toMatchObject({
			success: false,
			field: 'Serials Field "serial"',
		});
	});
});
