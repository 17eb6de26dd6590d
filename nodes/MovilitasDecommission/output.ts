import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { Outcomes, SerialOutcome } from './outcomes';
import type { ItemProblem, ItemRequest, Pack } from './requests';
import { notSentOutcome } from './outcomes';

function serialJson(
	request: ItemRequest,
	pack: Pack,
	outcome: SerialOutcome,
	withSettings: boolean,
): IDataObject {
	const json: IDataObject = {
		serial_number: pack.serial,
		status: outcome.status,
		success: outcome.success,
		product_code: pack.productCode,
		attempts: outcome.attempts,
	};
	if (withSettings) {
		json.reason = request.reason;
		json.market_id = request.marketId === '' ? null : request.marketId;
		json.send_to_market = request.sendToMarket;
	}
	if (pack.lot !== undefined) json.lot = pack.lot;
	if (pack.expiry !== undefined) json.expiry = pack.expiry;
	if (outcome.message) json.message = outcome.message;
	if (outcome.error) json.error = outcome.error;
	if (outcome.errorType) json.error_type = outcome.errorType;
	if (outcome.request !== undefined) {
		json.dry_run = true;
		json.request = outcome.request;
	}
	return json;
}

/**
 * With the node's error output on, n8n moves an item to that output when its json holds only
 * `error` and `message`, and adds the input item's fields to it; an item with an `error`
 * property would lose its json instead. So an item for the error output carries its whole
 * record in `error` and a one-line summary in `message`.
 */
function forErrorOutput(record: IDataObject, summary: string): IDataObject {
	return { error: record, message: summary };
}

/**
 * How an output item points at input item `index`. Every output item is saved with the
 * execution, and the bare index (a form n8n's types and docs allow, read as `{ item: index }`
 * by n8n's item linking) is one object fewer to save per item. The object form stays for index
 * 0, which n8n's editor takes for "no pairing" when bare, and for items meant for the error
 * output (and error items), whose input item's fields n8n adds only through the object form.
 */
function link(index: number, zero: { item: 0 }, asObject: boolean) {
	if (asObject) return { item: index };
	return index === 0 ? zero : index;
}

/**
 * One output item per (input item, serial), in input order, each paired to its own input item;
 * an invalid item (only under Continue On Fail) gives one error item. With the node's error
 * output turned on, every item that is not a decommissioned (or, in a dry run, validated)
 * serial is shaped for that output.
 *
 * How an item points at its input item: see `link`.
 */
export function buildOutput(
	node: INode,
	itemCount: number,
	read: { requests: ReadonlyArray<ItemRequest | undefined>; problems: Map<number, ItemProblem> },
	outcomes: Outcomes,
	withSettings: boolean,
): INodeExecutionData[] {
	const errorOutput = node.onError === 'continueErrorOutput';
	const unsent = notSentOutcome(undefined);
	const output: INodeExecutionData[] = [];
	// The plan numbered the packs of the valid requests in this same order.
	let slot = 0;
	const zero = { item: 0 as const };
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const problem = read.problems.get(itemIndex);
		if (problem) {
			const json = { success: false, error: problem.message, field: problem.field };
			const shaped = errorOutput ? forErrorOutput(json, problem.message) : json;
			output.push({ json: shaped, pairedItem: link(itemIndex, zero, true) });
			continue;
		}
		const request = read.requests[itemIndex];
		if (!request) continue;
		for (const pack of request.packs) {
			const outcome = outcomes.at(slot++) ?? unsent;
			const json = serialJson(request, pack, outcome, withSettings);
			if (errorOutput && !outcome.success && outcome.request === undefined) {
				const why = outcome.error ?? outcome.message ?? '';
				const summary = `Serial ${pack.serial}: ${outcome.status}${why ? `: ${why}` : ''}`;
				const pairedItem = link(itemIndex, zero, true);
				output.push({ json: forErrorOutput(json, summary), pairedItem });
			} else {
				output.push({ json, pairedItem: link(itemIndex, zero, false) });
			}
		}
	}
	return output;
}
