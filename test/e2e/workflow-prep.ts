/**
 * The example workflows: each workflow gets its own id and the scenario's credential on every
 * Movilitas node (the credentials themselves: credentials.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { randomId, type CredentialImport, type WorkflowJson } from './n8n-cli';
import { CREDENTIAL_TYPE, NODE_TYPE } from './settings';

/** The examples the scenarios run, by file name in examples/ (or in test/e2e/fixtures/). */
export const EXAMPLE_FILES = {
	erp: 'decommission-from-erp.workflow.json',
	nightlyCsv: 'nightly-csv-decommission.workflow.json',
	sendToMarket: 'send-to-market.workflow.json',
	gs1Barcodes: 'gs1-barcode-scans.workflow.json',
	dryRun: 'dry-run-erp.workflow.json',
} as const;

export type ExampleName = keyof typeof EXAMPLE_FILES;

export interface Example {
	workflow: WorkflowJson;
	/** Where it was read from, relative to the project root. */
	source: string;
}

/** Every example from examples/, or from test/e2e/fixtures/ where only a fixture exists. */
export function loadExamples(repoRoot: string): Record<ExampleName, Example> {
	const load = (file: string): Example => {
		const candidates = [`examples/${file}`, `test/e2e/fixtures/${file}`];
		const source = candidates.find((path) => existsSync(join(repoRoot, path)));
		if (!source) throw new Error(`No example workflow ${candidates.join(' or ')}`);
		const workflow = JSON.parse(readFileSync(join(repoRoot, source), 'utf8')) as WorkflowJson;
		if (decommissionNodes(workflow).length === 0) {
			throw new Error(`${source} has no ${NODE_TYPE} node`);
		}
		return { workflow, source };
	};
	return {
		erp: load(EXAMPLE_FILES.erp),
		nightlyCsv: load(EXAMPLE_FILES.nightlyCsv),
		sendToMarket: load(EXAMPLE_FILES.sendToMarket),
		gs1Barcodes: load(EXAMPLE_FILES.gs1Barcodes),
		dryRun: load(EXAMPLE_FILES.dryRun),
	};
}

export function decommissionNodes(workflow: WorkflowJson) {
	return workflow.nodes.filter((node) => node.type === NODE_TYPE);
}

/** The example with its own id, the given credential on every Movilitas node, and options. */
export function prepareWorkflow(
	example: WorkflowJson,
	credential: CredentialImport,
	options: Record<string, unknown> = {},
): WorkflowJson {
	const workflow = JSON.parse(JSON.stringify(example)) as WorkflowJson;
	workflow.id = randomId('wf');
	workflow.active = false;
	for (const node of decommissionNodes(workflow)) {
		node.credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
		const current = (node.parameters.options ?? {}) as Record<string, unknown>;
		node.parameters.options = { ...current, ...options };
	}
	return workflow;
}

/** Name of the If node fed by a Movilitas node, if the workflow has one. */
export function ifAfterDecommission(workflow: WorkflowJson): string | undefined {
	for (const node of decommissionNodes(workflow)) {
		const outputs = (workflow.connections[node.name] as { main?: Array<Array<{ node: string }>> })
			?.main;
		for (const target of outputs?.[0] ?? []) {
			const next = workflow.nodes.find((candidate) => candidate.name === target.node);
			if (next?.type === 'n8n-nodes-base.if') return next.name;
		}
	}
	return undefined;
}

export const ORDER_OF_SERIAL = 'Order of each serial';

/**
 * Adds, after the first Movilitas node, a Code node (run once for each item) that names each
 * serial's order through n8n's item linking (`$('ERP payload').item`): it resolves only when
 * the node's pairedItem points at the right input item, in a form this n8n version reads. A
 * Code node rather than a Set node: on n8n 1.123.81 here, `$('…')` in a Set node's expression
 * gives null for any node (its isolated-vm expression engine cannot clone the result), while
 * the Code node's task runner resolves it.
 */
export function withOrderOfSerial(workflow: WorkflowJson, source: string): WorkflowJson {
	const [movilitas] = decommissionNodes(workflow);
	workflow.nodes.push({
		name: ORDER_OF_SERIAL,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [movilitas.position[0] + 220, movilitas.position[1]],
		parameters: {
			mode: 'runOnceForEachItem',
			jsCode: `return { json: { serial: $json.serial_number, order: $('${source}').item.json.order } };`,
		},
	});
	workflow.connections[movilitas.name] = {
		main: [[{ node: ORDER_OF_SERIAL, type: 'main', index: 0 }]],
	};
	return workflow;
}
