import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemProblem, ItemRequest } from './validation';
import { isProblem, validateItem } from './validation';

export interface ReadItems {
	requests: Map<number, ItemRequest>;
	problems: Map<number, ItemProblem>;
}

/** A field by its exact name, else by a dotted path into nested objects. */
function readField(json: IDataObject, path: string): unknown {
	if (Object.prototype.hasOwnProperty.call(json, path)) return json[path];
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function readOne(ctx: IExecuteFunctions, item: INodeExecutionData, itemIndex: number) {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const settings = {
		productCode: ctx.getNodeParameter('productCode', itemIndex),
		productCodeSchema: ctx.getNodeParameter('productCodeSchema', itemIndex, 'GTIN'),
		reason: ctx.getNodeParameter('reason', itemIndex),
		sendToMarket: ctx.getNodeParameter('sendToMarket', itemIndex),
		marketId: ctx.getNodeParameter('marketId', itemIndex, ''),
		batchSize: options.batchSize ?? 1000,
		skipCheckDigitValidation: options.skipCheckDigitValidation ?? false,
	};
	if (ctx.getNodeParameter('serialsSource', itemIndex, 'list') === 'field') {
		const field = String(ctx.getNodeParameter('serialsField', itemIndex)).trim();
		const label = `Serials Field "${field}"`;
		const raw = field === '' ? undefined : readField(item.json, field);
		if (raw === undefined) {
			const keys = Object.keys(item.json);
			return {
				itemIndex,
				field: label,
				message: `Item ${itemIndex}: ${label} is missing on the item (it has ${keys.length ? `fields ${keys.join(', ')}` : 'no fields'})`,
			};
		}
		return validateItem(itemIndex, settings, raw, label);
	}
	return validateItem(itemIndex, settings, ctx.getNodeParameter('serials', itemIndex), 'Serials');
}

/**
 * n8n's Retry On Fail runs the whole node again after a failure, which would resend the serials
 * that earlier requests of the run already decommissioned: refuse it before sending anything.
 */
export function refuseRetryOnFail(ctx: IExecuteFunctions): void {
	if (ctx.getNode().retryOnFail !== true) return;
	throw new NodeOperationError(
		ctx.getNode(),
		'Retry On Fail is turned on for this node: a retry could decommission serials twice',
		{
			description:
				'After a failure n8n would run the node again and resend serials that Movilitas already decommissioned. Turn Retry On Fail off in the node settings: the node itself waits out rate limits (429) and outages (503), and never resends a request whose outcome is unknown. Nothing was sent to Movilitas.',
		},
	);
}

/**
 * Reads and validates every input item before anything is sent. Without Continue On Fail one
 * invalid item stops the run, and the error says how many others are invalid too.
 */
export function readItems(ctx: IExecuteFunctions, items: INodeExecutionData[]): ReadItems {
	const requests = new Map<number, ItemRequest>();
	const problems = new Map<number, ItemProblem>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let result: ItemRequest | ItemProblem;
		try {
			result = readOne(ctx, items[itemIndex], itemIndex);
		} catch (error) {
			if (!ctx.continueOnFail()) throw error;
			result = {
				itemIndex,
				field: 'parameters',
				message: `Item ${itemIndex}: ${(error as Error).message}`,
			};
		}
		if (isProblem(result)) problems.set(itemIndex, result);
		else requests.set(itemIndex, result);
	}
	if (problems.size > 0 && !ctx.continueOnFail()) {
		const [first] = problems.values();
		const others = problems.size - 1;
		const description = [
			first.hint,
			others > 0 ? `${others} other item(s) are invalid too.` : undefined,
			'Nothing was sent to Movilitas.',
		]
			.filter(Boolean)
			.join(' ');
		throw new NodeOperationError(ctx.getNode(), first.message, {
			itemIndex: first.itemIndex,
			description,
		});
	}
	return { requests, problems };
}
