import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Outcomes, SerialOutcome } from './outcomes';
import type { ItemProblem, ItemRequest, Pack } from './requests';
import { packSettings, settingsKey } from './requests';
import { notSentOutcome } from './sendBatches';

function serialJson(request: ItemRequest, pack: Pack, outcome: SerialOutcome): IDataObject {
	const json: IDataObject = {
		serial_number: pack.serial,
		status: outcome.status,
		success: outcome.success,
		product_code: pack.productCode,
		reason: request.reason,
		market_id: request.marketId === '' ? null : request.marketId,
		send_to_market: request.sendToMarket,
		attempts: outcome.attempts,
	};
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
 * One output item per (input item, serial), in input order, each paired to its own input item;
 * an invalid item (only under Continue On Fail) gives one error item. With the node's error
 * output turned on, every item that is not a decommissioned serial carries an error, which
 * makes n8n route it to that output.
 */
export function buildOutput(
	node: INode,
	itemCount: number,
	read: { requests: Map<number, ItemRequest>; problems: Map<number, ItemProblem> },
	outcomes: Outcomes,
): INodeExecutionData[] {
	const errorOutput = node.onError === 'continueErrorOutput';
	const errors = new Map<object, NodeOperationError>();
	const errorFor = (reason: object, message: string, itemIndex: number) => {
		let error = errors.get(reason);
		if (!error) {
			error = new NodeOperationError(node, message, { itemIndex });
			errors.set(reason, error);
		}
		return error;
	};
	const unsent = notSentOutcome(undefined);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const problem = read.problems.get(itemIndex);
		if (problem) {
			const json = { success: false, error: problem.message, field: problem.field };
			const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
			if (errorOutput) item.error = errorFor(problem, problem.message, itemIndex);
			output.push(item);
			continue;
		}
		const request = read.requests.get(itemIndex);
		if (!request) continue;
		let key = '';
		let keyProduct: string | undefined;
		for (const pack of request.packs) {
			if (pack.productCode !== keyProduct) {
				key = settingsKey(packSettings(request, pack));
				keyProduct = pack.productCode;
			}
			const outcome = outcomes.get(key, pack.serial) ?? unsent;
			const item: INodeExecutionData = {
				json: serialJson(request, pack, outcome),
				pairedItem: { item: itemIndex },
			};
			if (errorOutput && !outcome.success && outcome.request === undefined) {
				item.error = errorFor(
					outcome,
					`${outcome.status}: ${outcome.error ?? outcome.message ?? ''}`.trim(),
					itemIndex,
				);
			}
			output.push(item);
		}
	}
	return output;
}
