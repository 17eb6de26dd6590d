/**
 * Stand-ins for the few n8n-nodes-base nodes our example workflows use. n8n-nodes-base is not a
 * dependency (it is huge), so these mimic the real nodes' type names, parameters and behaviour for
 * the subset the examples use; test/e2e runs the same workflows against the real nodes.
 */
import { runInNewContext } from 'node:vm';

import {
	executeFilter,
	NodeConnectionTypes,
	NodeOperationError,
	type FilterOptionsValue,
	type FilterValue,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import type { NodeTypeMap } from './node-types';

const main = NodeConnectionTypes.Main;

/** Subset: emits one empty item when the workflow is run manually. */
class ManualTrigger implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Manual Trigger (harness stand-in)',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		// n8n-core resolves a manual run once the trigger emits.
		const manualTriggerFunction = async () => this.emit([[{ json: {} }]]);
		return { manualTriggerFunction };
	}
}

/**
 * Subset: the schedule only matters in an active workflow. Run by hand (or by `n8n execute`,
 * when it is the first trigger of the workflow) it emits one item, as the real node does.
 */
class ScheduleTrigger implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Schedule Trigger (harness stand-in)',
		name: 'scheduleTrigger',
		group: ['trigger', 'schedule'],
		version: [1, 1.1, 1.2],
		description: 'Triggers the workflow on a given schedule',
		defaults: { name: 'Schedule Trigger' },
		inputs: [],
		outputs: [main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () =>
			this.emit([[{ json: { timestamp: new Date().toISOString() } }]]);
		return { manualTriggerFunction };
	}
}

/** Subset: passes its input items through unchanged. */
class NoOp implements INodeType {
	description: INodeType['description'] = {
		displayName: 'No Operation (harness stand-in)',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [main],
		outputs: [main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * Subset: JavaScript, `runOnceForAllItems` only. The code runs in a fresh `vm` context with
 * `$input.all()/first()/last()`, `items` and `$json`; no other n8n globals. Not a sandbox.
 */
class Code implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Code (harness stand-in)',
		name: 'code',
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		description: 'Run custom JavaScript code',
		defaults: { name: 'Code' },
		inputs: [main],
		outputs: [main],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Run Once for All Items', value: 'runOnceForAllItems' },
					{ name: 'Run Once for Each Item', value: 'runOnceForEachItem' },
				],
				default: 'runOnceForAllItems',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'JavaScript', value: 'javaScript' }],
				default: 'javaScript',
			},
			{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as string;
		if (mode !== 'runOnceForAllItems') {
			throw new NodeOperationError(this.getNode(), `Code stand-in does not support mode "${mode}"`);
		}
		const jsCode = this.getNodeParameter('jsCode', 0, '', { rawExpressions: true }) as string;
		// Copies, like the task runner's serialisation: code can't mutate upstream items.
		const items = structuredClone(this.getInputData());
		const $input = { all: () => items, first: () => items[0], last: () => items[items.length - 1] };
		const sandbox = { $input, items, $json: items[0]?.json, console };
		try {
			const result: unknown = await runInNewContext(`(async () => {\n${jsCode}\n})()`, sandbox, {
				filename: `${this.getNode().name}.js`,
			});
			return [toItems(this, structuredClone(result))];
		} catch (error) {
			if (error instanceof NodeOperationError) throw error;
			// Errors thrown inside the vm context are not `instanceof Error` here: pass the message.
			const message = String((error as Error)?.message ?? error);
			if (this.continueOnFail()) return [[{ json: { error: message } }]];
			throw new NodeOperationError(this.getNode(), message);
		}
	}
}

function toItems(context: IExecuteFunctions, result: unknown): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			throw new NodeOperationError(context.getNode(), "Code doesn't return items properly", {
				description: 'Return an array of objects, e.g. `return [{ json: { a: 1 } }]`',
			});
		}
		return 'json' in entry ? (entry as INodeExecutionData) : { json: entry as IDataObject };
	});
}

/**
 * Subset: `conditions` (filter parameter, evaluated by n8n-workflow's own `executeFilter`),
 * `looseTypeValidation`; outputs [true items, false items].
 */
class If implements INodeType {
	description: INodeType['description'] = {
		displayName: 'If (harness stand-in)',
		name: 'if',
		group: ['transform'],
		version: [2, 2.1, 2.2],
		defaultVersion: 2.2,
		description: 'Route items to different branches (true/false)',
		defaults: { name: 'If' },
		inputs: [main],
		outputs: [main, main],
		outputNames: ['true', 'false'],
		properties: [
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} },
			{
				displayName: 'Convert types where required',
				name: 'looseTypeValidation',
				type: 'boolean',
				default: false,
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const trueItems: INodeExecutionData[] = [];
		const falseItems: INodeExecutionData[] = [];
		const version = this.getNode().typeVersion;
		for (const [itemIndex, item] of this.getInputData().entries()) {
			try {
				const filter = this.getNodeParameter('conditions', itemIndex) as FilterValue;
				const loose = this.getNodeParameter('looseTypeValidation', itemIndex, false) as boolean;
				// The editor stores these options with the value; fill them in for hand-written fixtures.
				const stored: Partial<FilterOptionsValue> = filter.options ?? {};
				filter.options = {
					caseSensitive: stored.caseSensitive ?? true,
					leftValue: stored.leftValue ?? '',
					version: stored.version ?? (version >= 2.2 ? 2 : 1),
					typeValidation: loose ? 'loose' : (stored.typeValidation ?? 'strict'),
				};
				// Like the real node: keep an upstream pairing, else pair with the input item.
				item.pairedItem ??= { item: itemIndex };
				(executeFilter(filter, { itemIndex }) ? trueItems : falseItems).push(item);
			} catch (error) {
				if (this.continueOnFail()) {
					falseItems.push(item);
					continue;
				}
				if (error instanceof NodeOperationError) throw error;
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return [trueItems, falseItems];
	}
}

/** The stand-ins under the type names n8n uses for them. */
export function coreNodeTypes(): NodeTypeMap {
	return {
		'n8n-nodes-base.manualTrigger': new ManualTrigger(),
		'n8n-nodes-base.scheduleTrigger': new ScheduleTrigger(),
		'n8n-nodes-base.noOp': new NoOp(),
		'n8n-nodes-base.code': new Code(),
		'n8n-nodes-base.if': new If(),
	};
}
