import type { IDataObject } from 'n8n-workflow';

import type { ItemRequest, Reason } from './validation';

/** The settings one decommission request carries for all of its serials. */
export interface GroupSettings {
	productCode: string;
	reason: Reason;
	sendToMarket: boolean;
	marketId: string;
}

/** One request to send: a group's settings and at most a batch size of distinct serials. */
export interface Batch extends GroupSettings {
	/** Position of the batch in sending order, from 0. */
	index: number;
	serials: string[];
	/** Input items that asked for each serial of this batch. */
	itemsBySerial: Map<string, number[]>;
}

function groupKey(request: GroupSettings): string {
	return JSON.stringify([
		request.productCode,
		request.reason,
		request.sendToMarket,
		request.marketId,
	]);
}

/**
 * Groups the items' serials by (product code, reason, send to market, market) in the order the
 * groups first appear, sends each serial of a group once, and cuts each group into batches of
 * at most the smallest batch size any of its items asked for.
 */
export function planBatches(requests: ItemRequest[]): Batch[] {
	const groups = new Map<
		string,
		{ settings: GroupSettings; batchSize: number; itemsBySerial: Map<string, number[]> }
	>();
	for (const request of requests) {
		const key = groupKey(request);
		let group = groups.get(key);
		if (!group) {
			const { productCode, reason, sendToMarket, marketId } = request;
			group = {
				settings: { productCode, reason, sendToMarket, marketId },
				batchSize: request.batchSize,
				itemsBySerial: new Map(),
			};
			groups.set(key, group);
		}
		group.batchSize = Math.min(group.batchSize, request.batchSize);
		for (const serial of request.serials) {
			const items = group.itemsBySerial.get(serial);
			if (items) {
				if (!items.includes(request.itemIndex)) items.push(request.itemIndex);
			} else {
				group.itemsBySerial.set(serial, [request.itemIndex]);
			}
		}
	}

	const batches: Batch[] = [];
	for (const group of groups.values()) {
		const serials = [...group.itemsBySerial.keys()];
		for (let start = 0; start < serials.length; start += group.batchSize) {
			const slice = serials.slice(start, start + group.batchSize);
			batches.push({
				...group.settings,
				index: batches.length,
				serials: slice,
				itemsBySerial: new Map(slice.map((serial) => [serial, group.itemsBySerial.get(serial)!])),
			});
		}
	}
	return batches;
}

/** The request body of a batch, exactly as the Manufacturer V2 API documents it. */
export function requestBody(batch: Batch): IDataObject {
	const body: IDataObject = {
		product_code: batch.productCode,
		product_code_schema: 'GTIN',
		reason: batch.reason,
		send_to_market: batch.sendToMarket,
	};
	if (batch.marketId !== '') body.market_id = batch.marketId;
	body.serials = batch.serials;
	return body;
}
