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

const WORKFLOW = 'decommission.separators.workflow.json';
const run = (changes: Parameters<typeof runScenario>[2]) =>
	runScenario(WORKFLOW, credentialsHelper(credential()), changes);

/** Fails the test if anything reaches Movilitas; returns how many requests did. */
function countAnyRequest(): () => number {
	let requests = 0;
	nock(PRODUCTION)
		.post(/.*/)
		.times(10)
		.reply(() => {
			requests++;
			return [500, {}];
		});
	return () => {
		nock.cleanAll();
		return requests;
	};
}

describe('issue 6 point 1: text from a field is one serial unless a separator is chosen', () => {
	it('a field holding "AB,12" is one serial, sent as such (default separator None)', async () => {
		const bodies = acceptDecommissions(1);

		const result = await runScenario(WORKFLOW);

		expect(result.error).toBeUndefined();
		expect(bodies.map((body) => body.serials)).toEqual([['AB,12', 'CD;34']]);
		expect(
			result
				.output(NODE)
				.map((item) => [item.json.serial_number, item.json.status, item.pairedItem]),
		).toEqual([
			['AB,12', 'Decommissioned', { item: 0 }],
			['CD;34', 'Decommissioned', 1],
		]);
	});

	it.each([
		['a space', 'AB 12', 'U+0020'],
		['a tab', 'AB\t12', 'U+0009'],
		['a no-break space', 'AB\u00a012', 'U+00A0'],
	])(
		'a field holding a serial with %s is an error naming the item and the serial, and nothing is sent',
		async (_, serial, code) => {
			const requests = countAnyRequest();

			const result = await run({ items: [{ serial: 'OK1' }, { serial }] });

			expect(requests()).toBe(0);
			expect(result.error?.message).toBe(
				`Item 1: Serials Field "serial" has an invalid serial ${JSON.stringify(serial)} (serial 1): it contains characters outside GS1 character set 82: ${code} (to give several serials in one text, choose a Serials Separator)`,
			);
			expect(result.error?.description).toContain('Nothing was sent to Movilitas.');
			expect(result.output(NODE)).toEqual([]);
		},
	);

	it.each([
		['comma', 'AB,12, CD', ['AB', '12', 'CD']],
		['semicolon', 'AB;12 ;CD', ['AB', '12', 'CD']],
		['whitespace', 'AB 12\tCD\u00a0EF\nGH', ['AB', '12', 'CD', 'EF', 'GH']],
		['lineBreak', 'AB,12\r\nCD;34\nEF', ['AB,12', 'CD;34', 'EF']],
	])(
		'the %s separator splits the text there and nowhere else',
		async (separator, text, serials) => {
			const bodies = acceptDecommissions(1);

			const result = await run({
				parameters: { serialsSeparator: separator },
				items: [{ serial: text }],
			});

			expect(result.error).toBeUndefined();
			expect(bodies.map((body) => body.serials)).toEqual([serials]);
			expect(result.output(NODE).map((item) => item.json.serial_number)).toEqual(serials);
		},
	);

	it('an array is a list whose entries are never split, whatever the separator', async () => {
		const bodies = acceptDecommissions(1);

		const result = await run({
			parameters: { serialsSeparator: 'comma' },
			items: [{ serial: ['AB,12', 'CD'] }],
		});

		expect(result.error).toBeUndefined();
		expect(bodies.map((body) => body.serials)).toEqual([['AB,12', 'CD']]);
	});

	it('a typed list is split at line breaks only by default: a comma stays inside its serial', async () => {
		const bodies = acceptDecommissions(1);

		const result = await run({
			parameters: { serialsSource: 'list', serials: 'L1,L2\nL3' },
			items: [{}],
		});

		expect(result.error).toBeUndefined();
		expect(bodies.map((body) => body.serials)).toEqual([['L1,L2', 'L3']]);
	});

	it('a typed list "L1, L2" on one line is an error, not two serials', async () => {
		const requests = countAnyRequest();

		const result = await run({
			parameters: { serialsSource: 'list', serials: 'L1, L2' },
			items: [{}],
		});

		expect(requests()).toBe(0);
		expect(result.error?.message).toBe(
			'Item 0: Serials has an invalid serial "L1, L2" (serial 1): it contains characters outside GS1 character set 82: U+0020',
		);
	});
});
