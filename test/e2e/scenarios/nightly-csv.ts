/**
 * The nightly CSV example as it is: a Schedule Trigger and a Manual Trigger feed a Code node
 * with CSV rows; the Movilitas node (On Error: continue using error output) sends what was
 * decommissioned to "Decommissioned" and every other serial to "Needs attention". One row's GTIN
 * is not a product the sandbox knows: Movilitas answers ProductError. On the error output n8n
 * keeps the input row's fields and puts the serial's record in `error`, a summary in `message`.
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
import { decommissionNodes } from '../workflow-prep';

/** A GTIN with a valid check digit that the sandbox has no product for. */
const UNKNOWN_GTIN = '04006381333931';
const DONE_NODE = 'Decommissioned';
const ATTENTION_NODE = 'Needs attention';

interface CsvRow {
	gtin: string;
	serial: string;
}

function csvRows(items: ItemJson[]): CsvRow[] {
	return items.map((item) => ({ gtin: String(item.json.gtin), serial: String(item.json.serial) }));
}

/** What the error output says of a serial: its record (in `error`) and the summary's start. */
function failureOf(item: ItemJson) {
	const record = (item.json.error ?? {}) as Record<string, unknown>;
	const serial = String(record.serial_number);
	return {
		serial_number: record.serial_number,
		product_code: record.product_code,
		status: record.status,
		success: record.success,
		error_type: record.error_type,
		row_serial: item.json.serial,
		message_names_serial: String(item.json.message).startsWith(`Serial ${serial}:`),
	};
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
	name: 'Error output (nightly CSV example): an unknown product goes to "Needs attention"',
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
		const movilitas = decommissionNodes(workflow)[0];
		const outputs = (
			workflow.connections[movilitas.name] as { main?: Array<Array<{ node: string }>> }
		)?.main;
		checks.equal(
			{
				onError: movilitas.onError,
				outputs: outputs?.map((targets) => targets.map((t) => t.node)),
			},
			{ onError: 'continueErrorOutput', outputs: [[DONE_NODE], [ATTENTION_NODE]] },
			`the Movilitas node sends successes to "${DONE_NODE}", its error output to "${ATTENTION_NODE}"`,
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
		const failures = nodeOutput(run, movilitas.name, 1);
		checkItemShape(checks, items, 'output');
		checks.equal(
			[
				...serialsOf(items),
				...failures.map((item) => String(failureOf(item).serial_number)),
			].sort(),
			rows.map((row) => row.serial).sort(),
			'the Movilitas node put out one item per CSV row (both outputs)',
		);
		checks.equal(
			nodeOutput(run, ATTENTION_NODE, 0).map(failureOf),
			unknown.map((row) => ({
				serial_number: row.serial,
				product_code: UNKNOWN_GTIN,
				status: 'Failed',
				success: false,
				error_type: 'ProductError',
				row_serial: row.serial,
				message_names_serial: true,
			})),
			`"${ATTENTION_NODE}" got exactly the unknown product's serial: its CSV row, and in error its record (Failed, ProductError), a message naming it`,
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
