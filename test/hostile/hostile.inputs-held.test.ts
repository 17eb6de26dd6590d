/**
 * Hostile inputs the node refused before sending anything (main 4137802): each must give an
 * error naming the item and the field, and no request at all (not even the token call).
 */
import nock from 'nock';

import { PRODUCTION, run, setupNock, workflow } from './hostile';

setupNock();

const SERIALS = 'Serials Field "serial"';
const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
	['an object with toString', {}, { serial: { toString: 'A1' } }, SERIALS],
	['an array of arrays', {}, { serial: [['A1']] }, SERIALS],
	['a boolean', {}, { serial: true }, SERIALS],
	['null', {}, { serial: null }, SERIALS],
	['a missing field', {}, { other: 'A1' }, SERIALS],
	['an empty text', {}, { serial: '' }, SERIALS],
	['only spaces', {}, { serial: '   ' }, SERIALS],
	['an empty array', {}, { serial: [] }, SERIALS],
	['an array with an empty entry', {}, { serial: ['A1', ''] }, SERIALS],
	['a huge number', {}, { serial: 12345678901234567890 }, SERIALS],
	['1e21', {}, { serial: 1e21 }, SERIALS],
	['a fraction', {}, { serial: 1.5 }, SERIALS],
	['a negative number', {}, { serial: -5 }, SERIALS],
	['U+2028 inside', {}, { serial: 'A1\u2028B2' }, SERIALS],
	['a zero-width space', {}, { serial: 'A1\u200bB2' }, SERIALS],
	['a no-break space', {}, { serial: 'A1\u00a0B2' }, SERIALS],
	['a Cyrillic look-alike', {}, { serial: 'А1' }, SERIALS],
	['a combining mark', {}, { serial: 'A\u03011' }, SERIALS],
	['a surrogate pair', {}, { serial: 'A1\ud83d\ude00' }, SERIALS],
	['a lone surrogate', {}, { serial: 'A1\ud83d' }, SERIALS],
	['a tab inside', {}, { serial: 'A1\tB2' }, SERIALS],
	['a NUL', {}, { serial: 'A1\u0000' }, SERIALS],
	['a group separator', {}, { serial: 'A1\u001dB2' }, SERIALS],
	['21 characters', {}, { serial: 'ABCDEFGHIJKLMNOPQRSTU' }, SERIALS],
	['a space inside with separator None', {}, { serial: 'AB 12' }, SERIALS],
	['only separators', { serialsSeparator: 'comma' }, { serial: ' , ,, ' }, SERIALS],
	['GTIN with letters', { productCode: '0950600013435X' }, { serial: 'A1' }, 'Product Code'],
	[
		'GTIN with a wrong check digit',
		{ productCode: '09506000134353' },
		{ serial: 'A1' },
		'Product Code',
	],
	['GTIN of 11 digits', { productCode: '12345678901' }, { serial: 'A1' }, 'Product Code'],
	[
		'GTIN with full-width digits',
		{ productCode: '０９５０６０００１３４３５２' },
		{ serial: 'A1' },
		'Product Code',
	],
	[
		'GTIN as a huge number',
		{ productCode: '={{ 95060001343520001 }}' },
		{ serial: 'A1' },
		'Product Code',
	],
	[
		'GTIN as an array',
		{ productCode: '={{ ["09506000134352"] }}' },
		{ serial: 'A1' },
		'Product Code',
	],
	['reason in capitals', { reason: 'Destroy' }, { serial: 'A1' }, 'Reason'],
	['market in lower case', { marketId: 'eu' }, { serial: 'A1' }, 'Market'],
	['market null', { marketId: '={{ null }}' }, { serial: 'A1' }, 'Market'],
	['send to market as text', { sendToMarket: '={{ "true" }}' }, { serial: 'A1' }, 'Send to Market'],
	['send to market as 1', { sendToMarket: '={{ 1 }}' }, { serial: 'A1' }, 'Send to Market'],
	['schema not GTIN', { productCodeSchema: 'SSCC' }, { serial: 'A1' }, 'Product Code Schema'],
	['source "Field"', { serialsSource: 'Field' }, { serial: 'A1' }, 'Serials Source'],
	['separator "tab"', { serialsSeparator: 'tab' }, { serial: 'A1' }, 'Serials Separator'],
	['batch size 0', { options: { batchSize: 0 } }, { serial: 'A1' }, 'Batch Size'],
	['batch size as text', { options: { batchSize: '={{ "10" }}' } }, { serial: 'A1' }, 'Batch Size'],
	[
		'requests in flight 9',
		{ options: { requestsInFlight: 9 } },
		{ serial: 'A1' },
		'Requests in Flight',
	],
	[
		'request timeout 0.5',
		{ options: { requestTimeout: 0.5 } },
		{ serial: 'A1' },
		'Request Timeout',
	],
	['dry run as text', { options: { dryRun: '={{ "yes" }}' } }, { serial: 'A1' }, 'Dry Run'],
];

describe('held: hostile inputs are refused before anything is sent', () => {
	it.each(cases)('%s', async (_name, parameters, item, field) => {
		const anything = nock(PRODUCTION).post(/.*/).reply(200, { token: 'jwt-1', success: true });

		const result = await run(workflow({ serialsSource: 'field', ...parameters }, [item]));

		expect(anything.isDone()).toBe(false);
		expect(result.error?.message).toMatch(/^(Item 0: )?/);
		expect(result.error?.message).toContain(field);
		expect(result.error?.description ?? '').toContain('Nothing was sent');
		nock.cleanAll();
	});
});
