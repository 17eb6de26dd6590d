/**
 * The nightly CSV example as it is: a Schedule Trigger and a Manual Trigger feed a Code node
 * with CSV rows; the Movilitas node (On Error: continue) feeds the If node "Decommissioned?".
 * One row's GTIN is not a product the sandbox knows: Movilitas answers ProductError.
 *
 * n8n 2.8.4's `execute --id` names the Manual Trigger as start node, but ManualExecutionService
 * only uses that with pinData; otherwise Workflow.getStartNode() takes the first trigger in the
 * workflow's node list. The example lists its Manual Trigger first, so that is the one that runs
 * (the harness does the same).
 */
import type { Sandbox } from '../../sandbox/server';
import {
	checkDecommissioned,
	checkItemShape,
	decommissionRequests,
	movilitasOutput,
	requestedSerials,
	sandboxRecords,
	serialsOf,
} from '../checks';
import { executeSuccessfully, importExample, type Scenario } from '../environment';
import { nodeOutput, type ItemJson } from '../n8n-cli';
import { dynamicCredential } from '../credentials';
import { ifAfterDecommission } from '../workflow-prep';

/** A GTIN with a valid check digit that the sandbox has no product for. */
const UNKNOWN_GTIN = '04006381333931';
const IF_NODE = 'Decommissioned?';
const DONE_NODE = 'Decommissioned';
const ATTENTION_NODE = 'Needs attention';

interface CsvRow {
	gtin: string;
	serial: string;
}

function csvRows(items: ItemJson[]): CsvRow[] {
	return items.map((item) => ({ gtin: String(item.json.gtin), serial: String(item.json.serial) }));
}

function productCodeOf(request: { body: unknown }): unknown {
	return (request.body as { product_code?: unknown } | undefined)?.product_code;
}

/** The sandbox's status and reason for each row's serial. */
function records(sandbox: Sandbox, rows: CsvRow[]) {
	const serials = rows.map((row) => ({ productCode: row.gtin, serial: row.serial }));
	return sandboxRecords(sandbox, serials, ['status', 'reason']);
}

export const nightlyCsvFailures: Scenario = {
	name: 'Failures branch (nightly CSV example): an unknown product goes to "Needs attention"',
	run: async (env) => {
		const { sandbox, checks } = env;
		const workflow = await importExample(env, 'nightlyCsv', dynamicCredential(sandbox));
		const byType = (type: string) => workflow.nodes.find((node) => node.type === type)?.name;
		const schedule = byType('n8n-nodes-base.scheduleTrigger');
		const manual = byType('n8n-nodes-base.manualTrigger');
		const code = byType('n8n-nodes-base.code');
		checks.ok(
			schedule && manual && code,
			'the example has a Schedule Trigger, a Manual Trigger and a Code node',
		);
		checks.equal(
			ifAfterDecommission(workflow),
			IF_NODE,
			`the Movilitas node feeds the If node "${IF_NODE}"`,
		);
		const run = await executeSuccessfully(env, workflow, 'run');
		if (!run) return;

		const runData = run.data.resultData.runData;
		const triggers = workflow.nodes.filter((node) => /Trigger$/.test(node.type));
		checks.equal(
			triggers.filter((node) => runData[node.name]).map((node) => node.name),
			[triggers[0]?.name],
			'execute --id ran exactly one trigger, the first in the node list',
		);
		checks.ok(
			manual && runData[manual] && schedule && !runData[schedule],
			`execute --id started from "${manual}", not from "${schedule}"`,
		);
		checks.equal(runData[code ?? '']?.length, 1, `"${code}" ran once`);
		const rows = csvRows(nodeOutput(run, code ?? '', 0));
		const unknown = rows.filter((row) => row.gtin === UNKNOWN_GTIN);
		const known = rows.filter((row) => row.gtin !== UNKNOWN_GTIN);
		checks.equal(rows.length, 5, 'the Code node put out the 5 CSV rows');
		checks.equal(unknown.length, 1, `exactly one row has the unknown GTIN ${UNKNOWN_GTIN}`);

		const items = movilitasOutput(workflow, run);
		checkItemShape(checks, items, 'output');
		checks.equal(
			serialsOf(items).sort(),
			rows.map((row) => row.serial).sort(),
			'the Movilitas node put out one item per CSV row',
		);
		checks.equal(
			nodeOutput(run, ATTENTION_NODE, 0).map((item) => ({
				serial_number: item.json.serial_number,
				product_code: item.json.product_code,
				success: item.json.success,
				error_type: item.json.error_type,
			})),
			unknown.map((row) => ({
				serial_number: row.serial,
				product_code: UNKNOWN_GTIN,
				success: false,
				error_type: 'ProductError',
			})),
			`"${ATTENTION_NODE}" got exactly the unknown product's serial, success false, ProductError`,
		);
		const done = nodeOutput(run, DONE_NODE, 0);
		checks.equal(
			serialsOf(done).sort(),
			known.map((row) => row.serial).sort(),
			`"${DONE_NODE}" got the other ${known.length} serials`,
		);
		checks.ok(
			done.every((item) => item.json.success === true),
			`every item on "${DONE_NODE}" has success true`,
		);

		checkDecommissioned(checks, sandbox, items, 'sandbox');
		checks.equal(
			records(sandbox, known),
			known.map((row) => ({ serial: row.serial, status: 'Decommissioned', reason: 'destroy' })),
			'sandbox: the known serials are Decommissioned with reason destroy',
		);
		checks.equal(
			records(sandbox, unknown),
			unknown.map((row) => ({ serial: row.serial, status: undefined, reason: undefined })),
			'sandbox: no record of the unknown product serial',
		);
		const requests = decommissionRequests(sandbox);
		checks.equal(
			requestedSerials(requests).sort(),
			rows.map((row) => row.serial).sort(),
			'every row was sent to the sandbox once',
		);
		checks.equal(
			requests.filter((r) => r.status !== 200).map((r) => [productCodeOf(r), r.status]),
			[[UNKNOWN_GTIN, 404]],
			'only the request for the unknown product was refused (404)',
		);
	},
};
