/**
 * Hostile tests of what the user gives: expressions, options and contradictions against the
 * node's promises (README, "What the node guarantees"). Every test here failed on the code it
 * was written against (main 4137802).
 */
import nock from 'nock';

import { movilitas, NODE, ok, run, setupNock, statuses, tokens, workflow } from './hostile';

setupNock();

describe('hostile: Dry Run given by an expression', () => {
	it('held: a Dry Run expression that gives nothing (a missing field) sends nothing', async () => {
		tokens('jwt-1');
		const seen = movilitas((body) => ok(body));

		const result = await run(
			workflow({ serialsSource: 'field', options: { dryRun: '={{ $json.dryRun }}' } }, [
				{ serial: 'A1', dryrun: true },
			]),
		);

		// Today: undefined is read as false and A1 is decommissioned for real.
		expect(seen).toHaveLength(0);
		expect(result.error?.message ?? '').toMatch(/Dry Run/);
		nock.cleanAll();
	});

	it('held: an item whose own Dry Run is true is never sent because item 0 said false', async () => {
		tokens('jwt-1');
		const seen = movilitas((body) => ok(body));

		await run(
			workflow({ serialsSource: 'field', options: { dryRun: '={{ $json.dry }}' } }, [
				{ serial: 'A1', dry: false },
				{ serial: 'B1', dry: true },
			]),
		);

		// Today: one request with A1 and B1; B1 asked for a dry run.
		expect(seen.flatMap((request) => request.body.serials as string[])).not.toContain('B1');
		nock.cleanAll();
	});
});

describe('hostile: guarantee 5, one serial, one set of settings', () => {
	it("held: a third item repeating the first item's settings is refused too (it contradicts the second)", async () => {
		tokens('jwt-1');
		const seen = movilitas((body) => ok(body));

		const result = await run(
			workflow(
				{ serialsSource: 'field', reason: '={{ $json.reason }}' },
				[
					{ serial: 'A1', reason: 'destroy' },
					{ serial: 'A1', reason: 'sample' },
					{ serial: 'A1', reason: 'destroy' },
					{ serial: 'B1', reason: 'destroy' },
				],
				{ onError: 'continueRegularOutput' },
			),
		);

		// Today: A1 goes out with reason destroy (item 2) and item 2 reports it decommissioned.
		expect(seen.flatMap((request) => request.body.serials as string[])).toEqual(['B1']);
		expect(result.output(NODE).map((item) => [item.json.success, item.json.field])).toEqual([
			[false, 'Serials'],
			[false, 'Serials'],
			[false, 'Serials'],
			[true, undefined],
		]);
	});
});

describe('hostile: clear errors (item, field, problem)', () => {
	it('held: an expression that fails is reported with the name of its parameter', async () => {
		const result = await run(
			workflow({ reason: '={{ $("No Such Node").item.json.reason }}', serials: 'A1' }, [{}]),
		);

		// Today: "Item 0: a parameter could not be read: Referenced node doesn't exist".
		expect(result.error?.message).toContain('Reason');
	});

	it('held: a missing value is described in plain words, not "a undefined"', async () => {
		const result = await run(workflow({ productCode: '={{ $json.gtin }}', serials: 'A1' }, [{}]));

		expect(result.error?.message).toContain('Item 0: Product Code');
		expect(result.error?.message).not.toMatch(/\ba (undefined|object)\b/);
	});

	it('held: under Continue On Fail, an option expression that fails on item 0 still gives every item a status', async () => {
		const result = await run(
			workflow(
				{
					serialsSource: 'field',
					options: { requestTimeout: '={{ $json.t === 1 ? $("No Such Node").item.json.t : 10 }}' },
				},
				[
					{ serial: 'A1', t: 1 },
					{ serial: 'B1', t: 2 },
				],
				{ onError: 'continueRegularOutput' },
			),
		);

		// Today: n8n passes the input items through unchanged: no success, no status, no error.
		const output = result.output(NODE);
		expect(output).toHaveLength(2);
		for (const item of output) expect(item.json.success).toBe(false);
	});
});

describe('hostile: README, "Default: Line Break for List"', () => {
	it('held: with Serials Source given by an expression, typed serials are still one per line', async () => {
		tokens('jwt-1');
		const seen = movilitas((body) => ok(body));

		const result = await run(
			workflow({ serialsSource: '={{ $json.source }}', serials: 'L1\nL2' }, [{ source: 'list' }]),
		);

		// Today: "Serials has an invalid serial "L1\nL2" ... U+000A": the separator is None.
		expect(result.error).toBeUndefined();
		expect(seen.map((request) => request.body.serials)).toEqual([['L1', 'L2']]);
		expect(statuses(result)).toEqual([
			['L1', 'Decommissioned', 1],
			['L2', 'Decommissioned', 1],
		]);
	});
});
