/** The GS1 barcode example: scans in three forms, packs of two products, lot and expiry. */
import {
	authRequests,
	checkDecommissioned,
	checkItemShape,
	decommissionRequests,
	movilitasOutput,
} from '../checks';
import { dynamicCredential } from '../credentials';
import { executeSuccessfully, importExample, type Scenario } from '../environment';

const EXPECTED = [
	['09506000134352', 'GS1A7K2M9Q', 'LOT42', '2027-12-31'],
	['09506000134352', 'GS1B8L3N0R', 'LOT42', '2027-12-31'],
	['05012345678900', 'GS1C9M4P1S', null, '2028-06-30'],
	['05012345678900', 'GS1D0N5Q2T', 'B7', null],
];

export const gs1Barcodes: Scenario = {
	name: 'GS1 barcode example: element string, raw scan and Digital Link, grouped per GTIN',
	run: async (env) => {
		const { sandbox, checks } = env;
		const workflow = await importExample(env, 'gs1Barcodes', dynamicCredential(sandbox));
		const run = await executeSuccessfully(env, workflow, 'run');
		if (!run) return;

		const items = movilitasOutput(workflow, run);
		checkItemShape(checks, items, 'output');
		checks.equal(
			items.map((item) => [
				item.json.product_code,
				item.json.serial_number,
				item.json.lot ?? null,
				item.json.expiry ?? null,
			]),
			EXPECTED,
			'one item per scanned pack: GTIN from AI 01, serial from AI 21, lot (AI 10), expiry (AI 17)',
		);
		checks.equal(
			items.map((item) => [item.json.status, item.json.success]),
			EXPECTED.map(() => ['Decommissioned', true]),
			'every pack decommissioned',
		);
		checks.equal(authRequests(sandbox).length, 1, 'one /v1/api_auth call');
		checks.equal(
			decommissionRequests(sandbox).map((request) => {
				const body = (request.body ?? {}) as Record<string, unknown>;
				return [body.product_code, body.serials];
			}),
			[
				['09506000134352', ['GS1A7K2M9Q', 'GS1B8L3N0R']],
				['05012345678900', ['GS1C9M4P1S', 'GS1D0N5Q2T']],
			],
			'one request per GTIN, each with its packs',
		);
		checkDecommissioned(checks, sandbox, items, 'sandbox');
	},
};
