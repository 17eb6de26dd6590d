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
