/** The send-to-market example: reason export, sent to the EU market, a list of serials. */
import type { RecordedRequest } from '../../sandbox/server';
import {
	authRequests,
	checkDecommissioned,
	checkItemShape,
	decommissionRequests,
	movilitasOutput,
	sandboxRecords,
	serialsOf,
} from '../checks';
import { executeSuccessfully, importExample, type Scenario } from '../environment';
import { dynamicCredential } from '../credentials';
import { decommissionNodes } from '../workflow-prep';

/** The answer status and the request body, its serials sorted. */
function statusAndBody(request: RecordedRequest) {
	const body = (request.body ?? {}) as Record<string, unknown>;
	return {
		status: request.status,
		product_code: body.product_code,
		product_code_schema: body.product_code_schema,
		reason: body.reason,
		send_to_market: body.send_to_market,
		market_id: body.market_id,
		serials: Array.isArray(body.serials) ? [...(body.serials as string[])].sort() : body.serials,
	};
}

export const sendToMarket: Scenario = {
	name: 'Send to market example: reason export, market EU, the list of serials',
	run: async (env) => {
		const { sandbox, checks } = env;
		const workflow = await importExample(env, 'sendToMarket', dynamicCredential(sandbox));
		const parameters = decommissionNodes(workflow)[0].parameters;
		const productCode = String(parameters.productCode);
		const serials = String(parameters.serials)
			.split('\n')
			.map((serial) => serial.trim())
			.filter(Boolean);
		checks.equal(serials.length, 3, 'the example lists 3 serials');
		const run = await executeSuccessfully(env, workflow, 'run');
		if (!run) return;

		const items = movilitasOutput(workflow, run);
		checkItemShape(checks, items, 'output');
		checks.equal(serialsOf(items).sort(), [...serials].sort(), 'one output item per serial');
		checks.equal(
			items.filter((item) => item.json.success !== true).map((item) => item.json),
			[],
			'every serial succeeded',
		);
		checks.ok(
			items.every(
				(item) =>
					item.json.reason === 'export' &&
					item.json.send_to_market === true &&
					item.json.market_id === 'EU',
			),
			'every output item says reason export, send_to_market true, market_id EU',
		);

		const requests = decommissionRequests(sandbox);
		checks.equal(authRequests(sandbox).length, 1, 'one /v1/api_auth call');
		checks.equal(
			requests.map(statusAndBody),
			[
				{
					status: 200,
					product_code: productCode,
					product_code_schema: 'GTIN',
					reason: 'export',
					send_to_market: true,
					market_id: 'EU',
					serials: [...serials].sort(),
				},
			],
			'one request (answered 200): GTIN, reason export, send_to_market true, market_id EU, the 3 serials',
		);
		checkDecommissioned(checks, sandbox, items, 'sandbox');
		checks.equal(
			sandboxRecords(
				sandbox,
				serials.map((serial) => ({ productCode, serial })),
				['status', 'reason', 'marketId', 'sendToMarket'],
			),
			serials.map((serial) => ({
				serial,
				status: 'Decommissioned',
				reason: 'export',
				marketId: 'EU',
				sendToMarket: true,
			})),
			'sandbox: each serial Decommissioned with reason export, market EU, sent to market',
		);
	},
};
