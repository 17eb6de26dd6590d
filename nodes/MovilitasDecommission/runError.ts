import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Batch } from './batching';
import type { Outcomes } from './outcomes';
import type { ItemRequest } from './requests';
import { packKey } from './requests';
import type { Failure } from './transport';

/** The first input item that asked for a serial of the batch, for n8n to point at. */
function firstItemOf(batch: Batch, requests: ReadonlyArray<ItemRequest | undefined>): number {
	const wanted = new Set(batch.serials);
	for (const request of requests) {
		if (!request) continue;
		for (const pack of request.packs) {
			if (wanted.has(pack.serial) && packKey(request, pack) === batch.key) {
				return request.itemIndex;
			}
		}
	}
	return 0;
}

/**
 * The error of a run stopped by a failure (without Continue On Fail). It accounts for every
 * serial: how many are confirmed, failed, not confirmed, unknown and not sent, and it names
 * each serial whose state is unknown or not confirmed, since those need checking in Movilitas.
 */
export function runError(
	ctx: IExecuteFunctions,
	failure: { batch: Batch; result: Failure },
	outcomes: Outcomes,
	requests: ReadonlyArray<ItemRequest | undefined>,
): NodeApiError {
	const counts = { confirmed: 0, failed: 0, 'not confirmed': 0, unknown: 0, 'not sent': 0 };
	const toCheck: string[] = [];
	for (const [serial, outcome] of outcomes.entries()) {
		if (outcome.success) counts.confirmed++;
		else if (outcome.status === 'Not sent') counts['not sent']++;
		else if (outcome.status === 'Unknown') counts.unknown++;
		else if (outcome.status === 'Not confirmed') counts['not confirmed']++;
		else counts.failed++;
		if (outcome.status === 'Unknown' || outcome.status === 'Not confirmed') toCheck.push(serial);
	}
	const tally = Object.entries(counts)
		.map(([name, count]) => `${count} ${name}`)
		.join(', ');
	const check = toCheck.length
		? ` Check these ${toCheck.length} serial(s) in Movilitas: their state is unknown or not confirmed: ${toCheck.join(', ')}.`
		: '';
	const { result, batch } = failure;
	return new NodeApiError(
		ctx.getNode(),
		{ message: result.message, type: result.type ?? null } as JsonObject,
		{
			message: result.message,
			description: `${result.description} Serials of this run: ${tally}.${check} For a report of every serial, turn on Continue On Fail or the error output.`,
			httpCode: result.statusCode ? String(result.statusCode) : undefined,
			itemIndex: firstItemOf(batch, requests),
		},
	);
}
