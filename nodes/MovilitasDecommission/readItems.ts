import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Plan } from './batching';
import { planBatches } from './batching';
import { findConflicts } from './conflicts';
import { readPath } from './lib/readPath';
import type { Result } from './lib/result';
import { ParameterReader } from './parameters';
import type { ItemProblem, ItemRequest, Pack } from './requests';
import { readBarcodes } from './barcodes';
import { parseSerials } from './serials';
import type { SettingsMemo } from './settings';
import { readItemSettings } from './settings';
import { checkChoice, FIELD_LABELS } from './validation';
import type { Separator, Source } from './vocabulary';
import { SEPARATORS, SOURCES } from './vocabulary';

export interface ReadItems {
	/** By input item: what a valid item asks for, undefined for an invalid one. */
	requests: Array<ItemRequest | undefined>;
	problems: Map<number, ItemProblem>;
	/** The batches of the valid items' serials. */
	plan: Plan;
}

type ItemResult = Result<{ request: ItemRequest }, { problem: ItemProblem }>;

function refuse(itemIndex: number, field: string, what: string, hint?: string): ItemResult {
	return {
		ok: false,
		problem: { itemIndex, field, message: `Item ${itemIndex}: ${field} ${what}`, hint },
	};
}

/** The parameter that holds an item's serials, as messages name it. */
function serialsLabel(params: ParameterReader, itemIndex: number, source: Source): string {
	if (source === 'list') return 'Serials';
	const label = source === 'field' ? 'Serials Field' : 'Barcode Field';
	return `${label} "${fieldName(params, itemIndex, source)}"`;
}

function fieldName(params: ParameterReader, itemIndex: number, source: Source): string {
	const parameter = source === 'field' ? 'serialsField' : 'barcodeField';
	return String(params.get(parameter, itemIndex, '')).trim();
}

/** The raw serials of an item; its label is made only for a message, not for every item. */
function rawSerials(
	params: ParameterReader,
	item: INodeExecutionData,
	itemIndex: number,
	source: Source,
): Result<{ raw: unknown }, { what: string }> {
	if (source === 'list') return { ok: true, raw: params.get('serials', itemIndex) };
	const name = fieldName(params, itemIndex, source);
	const raw = name === '' ? undefined : readPath(item.json as IDataObject, name, true);
	if (raw !== undefined) return { ok: true, raw };
	const keys = Object.keys(item.json);
	const has = keys.length ? `fields ${keys.slice(0, 20).join(', ')}` : 'no fields';
	return { ok: false, what: `is missing on the item (it has ${has})` };
}

/**
 * The separator of an item's serials. With the source given by an expression, n8n cannot tell
 * which of the two Serials Separator parameters applies and shows neither: unless the separator
 * is an expression too, the source's own default applies.
 */
function separatorOf(params: ParameterReader, itemIndex: number, source: Source): unknown {
	const fallback = source === 'list' ? 'lineBreak' : 'none';
	if (params.isExpression('serialsSource') && !params.isExpression('serialsSeparator')) {
		return fallback;
	}
	return params.get('serialsSeparator', itemIndex, fallback);
}

function readOne(
	params: ParameterReader,
	item: INodeExecutionData,
	itemIndex: number,
	memo: SettingsMemo,
): ItemResult {
	const source = params.get('serialsSource', itemIndex, 'list') as Source;
	const wrongSource = checkChoice(source, SOURCES);
	if (wrongSource) return refuse(itemIndex, FIELD_LABELS.serialsSource, wrongSource);

	const settings = readItemSettings(params, itemIndex, source, memo);
	if (!settings.ok) return refuse(itemIndex, settings.field, settings.problem, settings.hint);

	const serials = rawSerials(params, item, itemIndex, source);
	if (!serials.ok) return refuse(itemIndex, serialsLabel(params, itemIndex, source), serials.what);

	let packs: Pack[];
	if (source === 'barcode') {
		const read = readBarcodes(serials.raw, settings.value.skipCheckDigitValidation);
		if (!read.ok) return refuse(itemIndex, serialsLabel(params, itemIndex, source), read.problem);
		packs = read.value;
	} else {
		const separator = separatorOf(params, itemIndex, source);
		const badSeparator = checkChoice(separator, SEPARATORS);
		if (badSeparator) return refuse(itemIndex, FIELD_LABELS.serialsSeparator, badSeparator);
		const parsed = parseSerials(serials.raw, separator as Separator);
		if (!parsed.ok)
			return refuse(itemIndex, serialsLabel(params, itemIndex, source), parsed.problem);
		const productCode = settings.value.productCode;
		const serialsOfItem = parsed.value;
		if (serialsOfItem.length === 1) {
			packs = [{ productCode, serial: serialsOfItem[0] }];
		} else {
			packs = [...new Set(serialsOfItem)].map((serial) => ({ productCode, serial }));
		}
	}
	const { reason, sendToMarket, marketId, batchSize, key } = settings.value;
	const request: ItemRequest = { itemIndex, reason, sendToMarket, marketId, batchSize, packs, key };
	return { ok: true, request };
}

/**
 * Reads and validates every input item before anything is sent, groups their serials into
 * batches, and refuses items that ask for the same serial with different settings. Without
 * Continue On Fail one invalid item stops the run, and the error says how many others are
 * invalid too.
 */
export function readItems(ctx: IExecuteFunctions, items: INodeExecutionData[]): ReadItems {
	const params = new ParameterReader(ctx);
	const requests: Array<ItemRequest | undefined> = [];
	const problems = new Map<number, ItemProblem>();
	const memo: SettingsMemo = {};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let result: ItemResult;
		try {
			result = readOne(params, items[itemIndex], itemIndex, memo);
		} catch (error) {
			// An expression that fails to evaluate: reported like any other invalid item.
			const field = FIELD_LABELS[params.reading] ?? params.reading;
			result = refuse(itemIndex, field, `could not be read: ${(error as Error).message}`);
		}
		if (result.ok) requests.push(result.request);
		else {
			requests.push(undefined);
			problems.set(itemIndex, result.problem);
		}
	}
	let plan = planBatches(requests);
	const conflicts = findConflicts(requests, plan);
	for (const [itemIndex, problem] of conflicts) {
		requests[itemIndex] = undefined;
		problems.set(itemIndex, problem);
	}
	if (problems.size > 0 && !ctx.continueOnFail()) {
		const first = [...problems.values()].sort((a, b) => a.itemIndex - b.itemIndex)[0];
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
	// Rare: items refused for contradicting settings leave the plan.
	if (conflicts.size > 0) plan = planBatches(requests);
	return { requests, problems, plan };
}
