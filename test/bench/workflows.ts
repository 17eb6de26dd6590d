/**
 * The benchmark's workflows. Every variant makes its items the same way, inside n8n's main
 * process (no task runner round trip): a Set node builds one item holding the serials in an
 * array, and for one-item-per-serial a Split Out node turns it into one item per serial. Then
 * comes the node measured: the Movilitas node, or n8n's No Operation node (n8n's own cost).
 */
import {
	randomId,
	type CredentialImport,
	type WorkflowJson,
	type WorkflowNode,
} from '../e2e/n8n-cli';
import { CREDENTIAL_TYPE, NODE_TYPE } from '../e2e/settings';
import { dynamicCredential } from '../e2e/credentials';
import { DEFAULT_CHANNEL_KEY, DEFAULT_PRODUCT_EU, type Sandbox } from '../sandbox/server';

export type Shape = 'perItem' | 'oneItem';
export type Target = 'movilitas' | 'noop';

export interface Variant {
	serials: number;
	shape: Shape;
	target: Target;
	/** Distinct per run, so that no serial of one run is ever sent by another. */
	prefix: string;
	batchSize: number;
	requestsInFlight: number;
	/** The node's Dry Run option: everything but sending. */
	dryRun?: boolean;
}

/** The name of the node whose output is checked and whose time is reported. */
export const MEASURED_NODE = 'Measured';

/** The serial at an index: prefix + 7 digits (GS1 AI 21 allows 20 characters of CSET 82). */
export function serialAt(prefix: string, index: number): string {
	return `${prefix}${String(index).padStart(7, '0')}`;
}

export function serialsOf(variant: Pick<Variant, 'serials' | 'prefix'>): string[] {
	return Array.from({ length: variant.serials }, (_, index) => serialAt(variant.prefix, index));
}

/** The e2e's dynamic-token credential, with the credential's field names as the node has them. */
export function benchCredential(sandbox: Sandbox): CredentialImport {
	return dynamicCredential(sandbox, {
		authentication: 'dynamic',
		channelSecretKey: DEFAULT_CHANNEL_KEY,
	});
}

const position = (x: number): [number, number] => [x * 220, 0];

function makeItems(variant: Variant): WorkflowNode[] {
	const expression = `={{ Array.from({ length: ${variant.serials} }, (_, i) => ${JSON.stringify(variant.prefix)} + String(i).padStart(7, "0")) }}`;
	const nodes: WorkflowNode[] = [
		{
			name: 'Make serials',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: position(1),
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [{ id: 'serials', name: 'serials', type: 'array', value: expression }],
				},
				includeOtherFields: false,
				options: {},
			},
		},
	];
	if (variant.shape === 'perItem') {
		nodes.push({
			name: 'One item per serial',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: position(2),
			parameters: {
				fieldToSplitOut: 'serials',
				include: 'noOtherFields',
				options: { destinationFieldName: 'serial' },
			},
		});
	}
	return nodes;
}

function measuredNode(variant: Variant, credential: CredentialImport): WorkflowNode {
	const at = position(variant.shape === 'perItem' ? 3 : 2);
	if (variant.target === 'noop') {
		return {
			name: MEASURED_NODE,
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: at,
			parameters: {},
		};
	}
	return {
		name: MEASURED_NODE,
		type: NODE_TYPE,
		typeVersion: 1,
		position: at,
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		parameters: {
			productCode: DEFAULT_PRODUCT_EU,
			productCodeSchema: 'GTIN',
			reason: 'destroy',
			sendToMarket: false,
			marketId: '',
			serialsSource: 'field',
			serialsField: variant.shape === 'perItem' ? 'serial' : 'serials',
			serialsSeparator: 'none',
			options: {
				batchSize: variant.batchSize,
				requestsInFlight: variant.requestsInFlight,
				...(variant.dryRun ? { dryRun: true } : {}),
			},
		},
	};
}

/** Manual Trigger → Make serials → (One item per serial) → Measured. */
export function benchWorkflow(variant: Variant, credential: CredentialImport): WorkflowJson {
	const nodes: WorkflowNode[] = [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: position(0),
			parameters: {},
		},
		...makeItems(variant),
		measuredNode(variant, credential),
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id: randomId('bn'),
		name: `bench ${variant.target} ${variant.serials} ${variant.shape} ${variant.prefix}`,
		active: false,
		nodes: nodes.map((node, index) => ({ id: `node-${index}`, ...node })),
		connections,
		settings: { executionOrder: 'v1' },
	};
}
