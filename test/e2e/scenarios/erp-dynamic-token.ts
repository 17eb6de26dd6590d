import { DEFAULT_CHANNEL_KEY } from '../../sandbox/server';
import {
	authRequests,
	checkDecommissioned,
	checkItemShape,
	decommissionRequests,
	movilitasOutput,
	requestedSerials,
	serialsOf,
} from '../checks';
import { executeSuccessfully, importExample, type Scenario } from '../environment';
import { nodeOutput } from '../n8n-cli';
import { dynamicCredential } from '../credentials';
import { pairedIndex } from '../../harness/pairing';
import { ifAfterDecommission, ORDER_OF_SERIAL, withOrderOfSerial } from '../workflow-prep';

export const erpDynamicToken: Scenario = {
	name: 'ERP example workflow, dynamic token: serials decommissioned, one token for the run',
	run: async (env) => {
		const { sandbox, checks } = env;
		const credential = dynamicCredential(sandbox);
		const workflow = await importExample(env, 'erp', credential, {}, (example) =>
			withOrderOfSerial(example, 'ERP payload'),
		);
		const run = await executeSuccessfully(env, workflow, 'run');
		if (!run) return;

		const items = movilitasOutput(workflow, run);
		checks.ok(
			items.length >= 2,
			`the Movilitas node put out ${items.length} items (at least 2 expected)`,
		);
		checkItemShape(checks, items, 'output');
		const failed = items.filter((item) => item.json.success !== true);
		checks.equal(
			failed.map((item) => item.json),
			[],
			'every serial succeeded against a sandbox where all are Commissioned',
		);
		checks.ok(
			items.every((item) => /decommissioned/i.test(String(item.json.status))),
			`every status reads Decommissioned (${[...new Set(items.map((i) => i.json.status))].join(', ')})`,
		);
		checkDecommissioned(checks, sandbox, items, 'sandbox');
		// As n8n stored the run: each serial's pairedItem points at the order that gave it.
		const orders = nodeOutput(run, 'ERP payload', 0);
		const pairedOrder = (item: (typeof items)[number]) =>
			orders[pairedIndex(item.pairedItem) ?? -1]?.json;
		checks.equal(
			items
				.filter(
					(item) =>
						!(pairedOrder(item)?.serials as unknown[] | undefined)?.includes(
							item.json.serial_number,
						),
				)
				.map((item) => [item.json.serial_number, item.pairedItem]),
			[],
			`every output item's pairedItem points at the ERP order that gave its serial (${items.length} items)`,
		);
		// n8n's item linking, through the node's pairedItem, finds each serial's own order.
		const orderOf = (serial: unknown) =>
			orders.find((order) => (order.json.serials as unknown[]).includes(serial))?.json.order;
		const linked = nodeOutput(run, ORDER_OF_SERIAL, 0).map((item) => item.json);
		checks.equal(
			linked,
			items.map((item) => ({
				serial: item.json.serial_number,
				order: orderOf(item.json.serial_number),
			})),
			`${ORDER_OF_SERIAL}: $('ERP payload').item gives each serial's own order (${linked.length} items)`,
		);
		const requests = decommissionRequests(sandbox);
		checks.equal(
			[...requestedSerials(requests)].sort(),
			serialsOf(items).sort(),
			'the serials sent are exactly the serials in the output',
		);
		checks.equal(authRequests(sandbox).length, 1, 'exactly one /v1/api_auth call');
		checks.ok(requests.length >= 1, `${requests.length} decommission request(s)`);
		const token = sandbox.state.tokensIssued[0];
		checks.ok(
			requests.every((r) => r.headers['x-access-token'] === token),
			'every decommission request carried the issued token',
		);
		checks.ok(
			requests.every((r) => r.headers['x-channel-key'] === DEFAULT_CHANNEL_KEY),
			'every decommission request carried the channel key',
		);

		// The ERP example has no If node; its fallback fixture (test/e2e/fixtures/) has one.
		const ifNode = ifAfterDecommission(workflow);
		if (ifNode) {
			checks.equal(
				nodeOutput(run, ifNode, 0).length,
				items.length,
				`If node "${ifNode}": every item on the success branch`,
			);
			checks.equal(
				nodeOutput(run, ifNode, 1).length,
				0,
				`If node "${ifNode}": failures branch empty`,
			);
		}
	},
};
