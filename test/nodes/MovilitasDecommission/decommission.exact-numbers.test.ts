import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

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

const WORKFLOW = 'decommission.exact-numbers.workflow.json';
const run = (items: IDataObject[]) =>
	runScenario(WORKFLOW, credentialsHelper(credential()), { items });

describe('issue 6 point 2: a number counts only when it is exactly the code', () => {
	it('a serial that is a safe integer and a GTIN number that lost its leading zero are accepted', async () => {
		const bodies = acceptDecommissions(1);

		const result = await runScenario(WORKFLOW);

		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			expect.objectContaining({ product_code: '09506000134352', serials: ['123456789012', 'N2'] }),
		]);
		expect(
			result.output(NODE).map((item) => [item.json.serial_number, item.json.product_code]),
		).toEqual([
			['123456789012', '09506000134352'],
			['N2', '09506000134352'],
		]);
	});

	it.each([
		// JSON.parse already turns this into 12345678901234567000: the digits the user had are gone.
		[
			'a 20-digit serial',
			{ gtin: '09506000134352', serial: 12345678901234567890 },
			'Serials Field "serial" is the number 12345678901234567000',
		],
		[
			'a serial in exponent notation',
			{ gtin: '09506000134352', serial: 1e21 },
			'Serials Field "serial" is the number 1e+21',
		],
		[
			'a negative serial',
			{ gtin: '09506000134352', serial: -5 },
			'Serials Field "serial" is the number -5',
		],
		[
			'a fractional serial',
			{ gtin: '09506000134352', serial: 12.5 },
			'Serials Field "serial" is the number 12.5',
		],
		[
			'a serial number inside an array',
			{ gtin: '09506000134352', serial: ['N1', 2 ** 60] },
			`Serials Field "serial" entry 2 is the number ${2 ** 60}`,
		],
		[
			'a product code beyond safe integers',
			{ gtin: 95060001343520000000, serial: 'N1' },
			'Product Code is the number 95060001343520000000',
		],
	])(
		'%s is an error that says to read the column as text, and nothing is sent',
		async (_, item, text) => {
			const any = nock(PRODUCTION).post(/.*/).reply(500, {});

			const result = await run([{ gtin: '09506000134352', serial: 'OK1' }, item]);

			expect(any.isDone()).toBe(false);
			nock.cleanAll();
			expect(result.error?.message).toBe(
				`Item 1: ${text}, which cannot stand for a code exactly: read the column as text`,
			);
			expect(result.error?.description).toContain('Nothing was sent to Movilitas.');
		},
	);

	it('a GTIN number is padded only to a GTIN length and its check digit is still verified', async () => {
		const any = nock(PRODUCTION).post(/.*/).reply(500, {});

		const result = await run([{ gtin: 9506000134353, serial: 'N1' }]);

		expect(any.isDone()).toBe(false);
		nock.cleanAll();
		expect(result.error?.message).toBe(
			'Item 0: Product Code "09506000134353" has a wrong GS1 check digit: expected 2, got 3',
		);
	});
});
