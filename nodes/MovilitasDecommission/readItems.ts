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

/** The raw serials of an item and where they came from, for the messages. */
function rawSerials(
	params: ParameterReader,
	item: INodeExecutionData,
	itemIndex: number,
	source: Source,
): Result<{ raw: unknown; label: string }, { what: string; label: string }> {
	if (source === 'list')
		return { ok: true, raw: params.get('serials', itemIndex), label: 'Serials' };
	const parameter = source === 'field' ? 'serialsField' : 'barcodeField';
	const name = String(params.get(parameter, itemIndex, '')).trim();
	const label = `${source === 'field' ? 'Serials Field' : 'Barcode Field'} "${name}"`;
	const raw = name === '' ? undefined : readPath(item.json as IDataObject, name, true);
	if (raw !== undefined) return { ok: true, raw, label };
	const keys = Object.keys(item.json);
	const has = keys.length ? `fields ${keys.slice(0, 20).join(', ')}` : 'no fields';
	return { ok: false, what: `is missing on the item (it has ${has})`, label };
}

function readOne(
	params: ParameterReader,
	item: INodeExecutionData,
	itemIndex: number,
	memo: SettingsMemo,
): ItemResult {
	const source = params.get('serialsSource', itemIndex, 'list');
	const wrongSource = checkChoice(source, SOURCES);
	if (wrongSource) return refuse(itemIndex, FIELD_LABELS.serialsSource, wrongSource);

	const settings = readItemSettings(params, itemIndex, source as Source, memo);
	if (!settings.ok) return refuse(itemIndex, settings.field, settings.problem, settings.hint);

	const serials = rawSerials(params, item, itemIndex, source as Source);
	if (!serials.ok) return refuse(itemIndex, serials.label, serials.what);

	let packs: Pack[];
	if (source === 'barcode') {
		const read = readBarcodes(serials.raw, settings.value.skipCheckDigitValidation);
		if (!read.ok) return refuse(itemIndex, serials.label, read.problem);
		packs = read.value;
	} else {
		const fallback = source === 'list' ? 'lineBreak' : 'none';
		// With the source given by an expression, n8n cannot tell which of the two Serials
		// Separator parameters applies and shows neither: unless the separator is an expression
		// too, the source's own default applies.
		const separator =
			params.isExpression('serialsSource') && !params.isExpression('serialsSeparator')
				? fallback
				: params.get('serialsSeparator', itemIndex, fallback);
		const badSeparator = checkChoice(separator, SEPARATORS);
		if (badSeparator) return refuse(itemIndex, FIELD_LABELS.serialsSeparator, badSeparator);
		const parsed = parseSerials(serials.raw, separator as Separator);
		if (!parsed.ok) return refuse(itemIndex, serials.label, parsed.problem);
		const productCode = settings.value.productCode;
		const distinct = parsed.value.length === 1 ? parsed.value : [...new Set(parsed.value)];
		packs = distinct.map((serial) => ({ productCode, serial }));
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
