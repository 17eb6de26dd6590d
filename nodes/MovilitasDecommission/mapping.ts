import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Batch, GroupSettings } from './batching';
import type { ItemProblem, ItemRequest } from './validation';

/** What became of one serial of one batch. */
export interface SerialOutcome {
	status: string;
	success: boolean;
	message?: string;
	error?: string;
	errorType?: string;
}

/** Statuses the API reported for a successful answer, by serial number. */
export function statusesFromAnswer(body: unknown): Map<string, string> {
	const statuses = new Map<string, string>();
	const data = (body as { data?: unknown } | null)?.data;
	if (!Array.isArray(data)) return statuses;
	for (const entry of data) {
		const record = entry as { serial_number?: unknown; status?: unknown } | null;
		if (record && typeof record.serial_number === 'string') {
			statuses.set(record.serial_number, typeof record.status === 'string' ? record.status : '');
		}
	}
	return statuses;
}

/** A serial counts as done when the API reports it in Decommissioned status. */
export function isConfirmedStatus(status: string): boolean {
	return /^\s*(already\s+)?decommissioned\s*$/i.test(status);
}

export const NOT_CONFIRMED =
	'Movilitas did not list this serial in its answer: its state is unknown. Check it in Movilitas before sending it again.';

/** The outcome of every serial of a batch the API answered with success. */
export function outcomesFromAnswer(batch: Batch, body: unknown): Map<string, SerialOutcome> {
	const statuses = statusesFromAnswer(body);
	const outcomes = new Map<string, SerialOutcome>();
	for (const serial of batch.serials) {
		const status = statuses.get(serial);
		if (status === undefined) {
			outcomes.set(serial, { status: 'Not confirmed', success: false, message: NOT_CONFIRMED });
		} else {
			outcomes.set(serial, { status, success: isConfirmedStatus(status) });
		}
	}
	return outcomes;
}

/** The same failure for every serial of a batch. */
export function failedOutcomes(batch: Batch, outcome: SerialOutcome): Map<string, SerialOutcome> {
	return new Map(batch.serials.map((serial) => [serial, { ...outcome }]));
}

export function outcomeKey(settings: GroupSettings, serial: string): string {
	return JSON.stringify([
		settings.productCode,
		settings.reason,
		settings.sendToMarket,
		settings.marketId,
		serial,
	]);
}

function serialItem(request: ItemRequest, serial: string, outcome: SerialOutcome): IDataObject {
	const json: IDataObject = {
		serial_number: serial,
		status: outcome.status,
		success: outcome.success,
		product_code: request.productCode,
		reason: request.reason,
		market_id: request.marketId === '' ? null : request.marketId,
		send_to_market: request.sendToMarket,
	};
	if (outcome.message) json.message = outcome.message;
	if (outcome.error) json.error = outcome.error;
	if (outcome.errorType) json.error_type = outcome.errorType;
	return json;
}

/**
 * One output item per (input item, serial), in input order, each paired to its own input item.
 * Invalid items (only present under Continue On Fail) give one error item each.
 */
export function buildOutput(
	itemCount: number,
	requests: Map<number, ItemRequest>,
	problems: Map<number, ItemProblem>,
	outcomes: Map<string, SerialOutcome>,
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const problem = problems.get(itemIndex);
		if (problem) {
			output.push({
				json: { success: false, error: problem.message, field: problem.field },
				pairedItem: { item: itemIndex },
			});
			continue;
		}
		const request = requests.get(itemIndex);
		if (!request) continue;
		for (const serial of request.serials) {
			const outcome = outcomes.get(outcomeKey(request, serial)) ?? {
				status: 'Not sent',
				success: false,
				message: 'This serial was not sent to Movilitas.',
			};
			output.push({ json: serialItem(request, serial, outcome), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}
