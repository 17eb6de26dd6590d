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

const WORKFLOW = 'decommission.unknown-choices.workflow.json';
const VALID = {
	schema: 'GTIN',
	reason: 'destroy',
	market: 'EU',
	source: 'list',
	separator: 'lineBreak',
	serials: 'U1\nU2',
};

describe('issue 6 point 3: an option parameter accepts only its listed values', () => {
	it('valid values given by expressions are used as given', async () => {
		const bodies = acceptDecommissions(1);

		const result = await runScenario(WORKFLOW);

		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				product_code: '09506000134352',
				product_code_schema: 'GTIN',
				reason: 'destroy',
				send_to_market: false,
				market_id: 'EU',
				serials: ['U1', 'U2'],
			},
		]);
		expect(result.output(NODE)).toHaveLength(2);
	});

	it.each([
		// An expression giving "Field" once meant the typed list, silently.
		['source', 'Field', 'Serials Source must be one of "field", "barcode", "list" (got "Field")'],
		['source', '', 'Serials Source must be one of "field", "barcode", "list" (got "")'],
		[
			'reason',
			'destroyed',
			'Reason must be one of "check_out", "destroy", "export", "free_sample", "lock", "sample" (got "destroyed")',
		],
		['market', 'eu', 'Market must be one of "CHN", "EU", "IDN", "" (none), "US" (got "eu")'],
		['schema', 'GTIN14', 'Product Code Schema must be one of "GTIN" (got "GTIN14")'],
		[
			'separator',
			'tab',
			'Serials Separator must be one of "comma", "lineBreak", "none", "semicolon", "whitespace" (got "tab")',
		],
	])(
		'an expression giving the %s %j is an error naming the value and the choices, before any request',
		async (field, value, message) => {
			const any = nock(PRODUCTION).post(/.*/).reply(500, {});

			const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
				items: [VALID, { ...VALID, [field]: value }],
			});

			expect(any.isDone()).toBe(false);
			nock.cleanAll();
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(`Item 1: ${message}`);
			expect(result.error?.description).toContain('Nothing was sent to Movilitas.');
			expect(result.output(NODE)).toEqual([]);
		},
	);
});
